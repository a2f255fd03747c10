import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { COMPANY_SORTS } from '../domain/companies/list-companies.ts';
import { CONTACT_SORTS } from '../domain/contacts/list-contacts.ts';
import { DEAL_SORTS } from '../domain/deals/list-deals.ts';
import type { ExportLang } from '../domain/exports/csv-export.ts';
import { exportCompanies } from '../domain/exports/export-companies.ts';
import { exportContacts } from '../domain/exports/export-contacts.ts';
import { exportDeals } from '../domain/exports/export-deals.ts';
import { loadOwners, ownerEmails } from '../domain/imports/owners.ts';
import { errorResponses, validationHook } from '../validation.ts';
import { boolParam, isoDateTimeParam, qParam, wsParams } from './records.ts';

// Exports live under /exports/ rather than /companies/export.csv, where they would collide
// with /companies/{id}.

const common = {
  q: qParam,
  ownerId: z.string().max(64).optional(),
  tag: z.string().max(50).optional(),
  updatedSince: isoDateTimeParam.optional(),
  deleted: boolParam.optional(),
  lang: z.enum(['en', 'cs']).default('en').openapi({ description: 'Language of the header row' }),
};

const csvResponse = {
  200: {
    description:
      'The CSV, streamed: UTF-8 with a BOM, `;`-separated, CRLF line ends (what Czech Excel opens directly). Cells Excel would run as formulas (starting with = + - @) are prefixed with an apostrophe, which the import removes again.',
    content: { 'text/csv': { schema: z.string() } },
  },
  ...errorResponses(400, 401, 404),
};

const companiesCsv = createRoute({
  method: 'get',
  path: '/w/{ws}/exports/companies.csv',
  ...access('records:read'),
  tags: ['Import and export'],
  summary: 'Companies as CSV, with the same filters and sort as the list (every matching row, not a page)',
  request: { params: wsParams, query: z.object({ ...common, sort: z.enum(COMPANY_SORTS).default('name') }).strict() },
  responses: csvResponse,
});

const contactsCsv = createRoute({
  method: 'get',
  path: '/w/{ws}/exports/contacts.csv',
  ...access('records:read'),
  tags: ['Import and export'],
  summary: 'Contacts as CSV, with the same filters and sort as the list (every matching row, not a page)',
  request: {
    params: wsParams,
    query: z.object({ ...common, companyId: z.string().max(64).optional(), sort: z.enum(CONTACT_SORTS).default('lastName') }).strict(),
  },
  responses: csvResponse,
});

const dealsCsv = createRoute({
  method: 'get',
  path: '/w/{ws}/exports/deals.csv',
  ...access('records:read'),
  tags: ['Import and export'],
  summary: 'Deals as CSV, with the same filters and sort as the list (every matching row, not a page); values as decimals in the header language',
  request: {
    params: wsParams,
    query: z
      .object({
        ...common,
        stage: z.string().max(64).optional(),
        companyId: z.string().max(64).optional(),
        contactId: z.string().max(64).optional(),
        sort: z.enum(DEAL_SORTS).default('-updatedAt'),
      })
      .strict(),
  },
  responses: csvResponse,
});

function csvDownload(c: Context<AppEnv>, stream: ReadableStream<Uint8Array>, what: string): Response {
  const date = c.var.platform.now().toISOString().slice(0, 10);
  return c.body(stream, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${what}-${date}.csv"`,
    'Cache-Control': 'no-store',
  });
}

export const exportRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(companiesCsv, async (c) => {
    const { lang, ...query } = c.req.valid('query');
    const ws = c.var.workspace;
    const owners = ownerEmails(await loadOwners(c.var.control, ws.id));
    return csvDownload(c, await exportCompanies(ws.db, query, owners, lang as ExportLang), 'companies');
  })
  .openapi(contactsCsv, async (c) => {
    const { lang, ...query } = c.req.valid('query');
    const ws = c.var.workspace;
    const owners = ownerEmails(await loadOwners(c.var.control, ws.id));
    return csvDownload(c, await exportContacts(ws.db, query, owners, lang as ExportLang), 'contacts');
  })
  .openapi(dealsCsv, async (c) => {
    const { lang, ...query } = c.req.valid('query');
    const ws = c.var.workspace;
    const owners = ownerEmails(await loadOwners(c.var.control, ws.id));
    return csvDownload(c, await exportDeals(ws.db, query, owners, lang as ExportLang), 'deals');
  });
