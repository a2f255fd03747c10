import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { exportProjectExpenses, exportProjectTime } from '../domain/reports/export-project-csv.ts';
import { memberNames } from '../domain/reports/member-names.ts';
import { projectReport } from '../domain/reports/project-report.ts';
import { errorResponses, validationHook } from '../validation.ts';
import { idParams } from './records.ts';
import { dateField, moneyOut } from './time-entries.ts';

const TAGS = ['Project reports'];

const burnWeek = z.object({
  week: z.string(),
  startsOn: z.string(),
  minutes: z.number().int(),
  cost: moneyOut,
  revenue: moneyOut,
  expenses: moneyOut,
  cumulative: z.object({ minutes: z.number().int(), cost: moneyOut, revenue: moneyOut }),
  plan: z.object({ minutes: z.number().int().nullable(), cost: moneyOut.nullable() }),
});

const reportSchema = z
  .object({
    projectId: z.string(),
    currency: z.string(),
    planned: z.object({ minutes: z.number().int().nullable(), hours: z.number().nullable(), cost: moneyOut.nullable(), revenue: moneyOut.nullable() }),
    actual: z.object({
      minutes: z.number().int(),
      hours: z.number(),
      billableMinutes: z.number().int(),
      cost: moneyOut.openapi({ description: 'Σ minutes × the member’s costRate (per entry, half-up) + expenses' }),
      timeCost: moneyOut,
      expenses: moneyOut,
      revenue: moneyOut.openapi({ description: 'The fixed price when the project has one, else Σ billable minutes × hourlyRate (per entry, half-up)' }),
    }),
    remaining: z.object({ minutes: z.number().int().nullable(), hours: z.number().nullable(), cost: moneyOut.nullable(), revenue: moneyOut.nullable() }),
    percentUsed: z.object({ hours: z.number().nullable(), cost: z.number().nullable() }).openapi({ description: 'Percent of the plan used, one decimal; null without a plan' }),
    margin: z.object({ planned: moneyOut.nullable(), actual: moneyOut }),
    burn: z.array(burnWeek).openapi({ description: 'By ISO week from the start (or first booking) to the due date (or last booking), with the plan line' }),
  })
  .openapi('ProjectReport');

const report = createRoute({
  method: 'get',
  path: '/w/{ws}/projects/{id}/report',
  ...access('records:read'),
  tags: TAGS,
  summary: 'Planned vs actual: hours, cost (time + expenses), revenue, margin, percent used, burn by ISO week',
  request: { params: idParams },
  responses: { 200: { description: 'The report', content: { 'application/json': { schema: reportSchema } } }, ...errorResponses(401, 404) },
});

const csvQuery = z.object({ dateFrom: dateField.optional(), dateTo: dateField.optional(), lang: z.enum(['en', 'cs']).default('en') }).strict();
const csvResponse = {
  200: { description: 'The CSV, streamed: UTF-8 with a BOM, `;`-separated, CRLF, amounts as decimals in the header language.', content: { 'text/csv': { schema: z.string() } } },
  ...errorResponses(400, 401, 404),
};

const timeCsv = createRoute({
  method: 'get',
  path: '/w/{ws}/exports/projects/{id}/time.csv',
  ...access('records:read'),
  tags: ['Import and export'],
  summary: 'A project’s time entries as CSV for invoicing (oldest first; optional dateFrom/dateTo)',
  request: { params: idParams, query: csvQuery },
  responses: csvResponse,
});

const expensesCsv = createRoute({
  method: 'get',
  path: '/w/{ws}/exports/projects/{id}/expenses.csv',
  ...access('records:read'),
  tags: ['Import and export'],
  summary: 'A project’s expenses as CSV (oldest first; optional dateFrom/dateTo)',
  request: { params: idParams, query: csvQuery },
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

export const reportRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(report, async (c) => c.json(await projectReport(c.var.workspace.db, c.req.valid('param').id), 200))
  .openapi(timeCsv, async (c) => {
    const { lang, ...range } = c.req.valid('query');
    const ws = c.var.workspace;
    const id = c.req.valid('param').id;
    return csvDownload(c, await exportProjectTime(ws.db, id, range, await memberNames(c.var.control, ws.id), lang), 'project-time');
  })
  .openapi(expensesCsv, async (c) => {
    const { lang, ...range } = c.req.valid('query');
    return csvDownload(c, await exportProjectExpenses(c.var.workspace.db, c.req.valid('param').id, range, lang), 'project-expenses');
  });
