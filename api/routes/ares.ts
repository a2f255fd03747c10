import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { lookupAres } from '../domain/ares/lookup-ares.ts';
import { isValidIco } from '../lib/cz.ts';
import { errorResponses, errorSchema, validationHook } from '../validation.ts';

const registryCompanySchema = z
  .object({
    regNo: z.string(),
    name: z.string(),
    vatNo: z.string().nullable(),
    address: z.object({ street: z.string().nullable(), city: z.string().nullable(), postalCode: z.string().nullable() }),
    country: z.string(),
    legalForm: z.string().nullable().openapi({ description: 'ARES legal-form code, e.g. "112"' }),
    legalFormName: z.string().nullable().openapi({ example: 'Společnost s ručením omezeným' }),
    founded: z.string().nullable().openapi({ description: 'YYYY-MM-DD' }),
    dissolved: z.string().nullable().openapi({ description: 'YYYY-MM-DD, when the company no longer exists' }),
  })
  .openapi('RegistryCompany');

const lookup = createRoute({
  method: 'get',
  path: '/w/{ws}/ares/{ico}',
  ...access('records:read'),
  tags: ['Companies'],
  summary: 'Look a company up in ARES, the Czech business registry, by IČO (to fill a new company’s name and address)',
  request: {
    params: z.object({
      ws: z.string().openapi({ param: { name: 'ws', in: 'path' }, example: 'acme' }),
      ico: z
        .string()
        .transform((v) => v.replace(/\s+/g, ''))
        .refine(isValidIco, 'IČO must be 8 digits with a valid check digit.')
        .openapi({ param: { name: 'ico', in: 'path' }, example: '45274649' }),
    }),
  },
  responses: {
    200: { description: 'The registered company', content: { 'application/json': { schema: registryCompanySchema } } },
    ...errorResponses(400, 401, 404),
    503: { description: 'ARES cannot be reached (code `unavailable`): enter the details by hand', content: { 'application/json': { schema: errorSchema } } },
  },
});

export const aresRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(lookup, async (c) => {
  const { platform } = c.var;
  const company = await lookupAres(c.req.valid('param').ico, { baseUrl: platform.config.aresBaseUrl, logger: platform.logger });
  return c.json(company, 200);
});
