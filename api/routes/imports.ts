import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { limitsOf } from '../access/entitlements.ts';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { countDataRecords, openCsvFile } from '../domain/imports/csv-file.ts';
import { IMPORT_ENTITIES, IMPORT_FIELDS } from '../domain/imports/fields.ts';
import { getImportJob, listImportJobs } from '../domain/imports/import-job.ts';
import { resolveDedupe, resolveMapping } from '../domain/imports/mapping.ts';
import { loadOwners } from '../domain/imports/owners.ts';
import { previewImport } from '../domain/imports/preview.ts';
import { createImportJob, runImport, type ImportPlan } from '../domain/imports/run-import.ts';
import { undoImport } from '../domain/imports/undo-import.ts';
import { AppError } from '../errors.ts';
import { errorResponses, validationHook } from '../validation.ts';
import { actorOf, boolParam, cursorParam, idParams, wsParams } from './records.ts';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const UPLOAD_PATH = /\/w\/[^/]+\/imports(?:\/preview)?\/?$/;

/**
 * The two routes that take a raw CSV body: exempt from the app's 1 MB JSON body limit (they
 * have their own 50 MB one) and allowed a CSV content type by the CSRF guard.
 */
export const isImportUpload = (method: string, path: string) => method === 'POST' && UPLOAD_PATH.test(path);

const uploadLimit = bodyLimit({
  maxSize: MAX_IMPORT_BYTES,
  onError: () => {
    throw new AppError('payload_too_large', 'The file is larger than 50 MB. Split it into smaller files and import them one by one.');
  },
});

const csvBody = {
  required: true,
  description: 'The CSV file itself (not a form): UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1250; `,` `;` or tab separated. At most 50 MB.',
  content: {
    'text/csv': { schema: z.string().openapi({ format: 'binary' }) },
    'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) },
  },
};

const entityParam = z.enum(IMPORT_ENTITIES, { error: 'Choose companies or contacts.' });
const mappingParam = z
  .string()
  .max(20_000)
  .optional()
  .openapi({
    description:
      'JSON object, URL-encoded: import field → column (0-based index or header name), e.g. `{"name":0,"regNo":"IČO"}`. Omitted: the guessed mapping. Fields: companies ' +
      IMPORT_FIELDS.companies.join(', ') +
      '; contacts ' +
      IMPORT_FIELDS.contacts.join(', ') +
      '.',
  });
const headerParam = boolParam.optional().openapi({ description: 'Whether the first row holds column names; guessed when omitted.' });

const problemSchema = z.object({ row: z.number().int().openapi({ description: 'Row in the file, the header being row 1' }), fields: z.record(z.string(), z.string()), message: z.string() });

const jobSchema = z
  .object({
    id: z.string(),
    entity: entityParam,
    status: z.enum(['pending', 'running', 'done', 'failed', 'undone']),
    totalRows: z.number().int(),
    processedRows: z.number().int(),
    percent: z.number().int(),
    createdCount: z.number().int(),
    updatedCount: z.number().int(),
    skippedCount: z.number().int().openapi({ description: 'Rows with problems, duplicates skipped, and duplicates that changed nothing' }),
    problems: z.array(problemSchema).openapi({ description: 'At most 1,000' }),
    problemsTruncated: z.boolean(),
    error: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ImportJob');

const previewSchema = z
  .object({
    entity: entityParam,
    encoding: z.enum(['utf-8', 'windows-1250', 'utf-16le']),
    bom: z.boolean(),
    delimiter: z.enum([',', ';', '\t']),
    hasHeader: z.boolean(),
    totalRows: z.number().int(),
    columns: z.array(z.object({ index: z.number().int(), header: z.string(), field: z.string().nullable() })),
    mapping: z.record(z.string(), z.number().int()),
    fields: z.array(z.string()),
    dedupeField: z.string(),
    rows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()), problems: z.record(z.string(), z.string()).nullable() })),
  })
  .openapi('ImportPreview');

const jobParams = idParams;

const preview = createRoute({
  method: 'post',
  path: '/w/{ws}/imports/preview',
  ...access('records:write'),
  tags: ['Import and export'],
  summary: 'Read a CSV without importing it: encoding, delimiter, header, guessed mapping, row count and the first 20 rows with their problems',
  request: { params: wsParams, query: z.object({ entity: entityParam, mapping: mappingParam, header: headerParam }).strict(), body: csvBody },
  responses: { 200: { description: 'What the import would see', content: { 'application/json': { schema: previewSchema } } }, ...errorResponses(400, 401, 403, 404, 413) },
});

const start = createRoute({
  method: 'post',
  path: '/w/{ws}/imports',
  ...access('records:write', { adds: true }),
  tags: ['Import and export'],
  summary: 'Import companies or contacts from a CSV; the rows are written in the background (poll the job for progress)',
  description:
    'The whole file is checked for CSV syntax and the mapping before anything is written (400 with `fields`). Rows that fail the same validation as the API are skipped and listed in `problems` with their row number. `dedupe` (`regNo` for companies, `email` for contacts) matches rows against live records and earlier rows: `mode=skip` leaves the match alone, `mode=update` writes the row’s non-empty cells into it (tags are added). An empty cell never clears a field.',
  request: {
    params: wsParams,
    query: z
      .object({
        entity: entityParam,
        mapping: mappingParam,
        header: headerParam,
        dedupe: z.enum(['regNo', 'email', 'none'], { error: 'Use regNo (companies), email (contacts) or none.' }).optional(),
        mode: z.enum(['skip', 'update'], { error: 'Use skip or update.' }).default('skip'),
      })
      .strict(),
    body: csvBody,
  },
  responses: { 202: { description: 'Accepted; the job (Location header points at it)', content: { 'application/json': { schema: jobSchema } } }, ...errorResponses(400, 401, 403, 404, 413) },
});

const list = createRoute({
  method: 'get',
  path: '/w/{ws}/imports',
  ...access('records:read'),
  tags: ['Import and export'],
  summary: 'Recent imports, newest first',
  request: { params: wsParams, query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: cursorParam }).strict() },
  responses: {
    200: { description: 'A page', content: { 'application/json': { schema: z.object({ items: z.array(jobSchema), nextCursor: z.string().nullable() }) } } },
    ...errorResponses(400, 401, 404),
  },
});

const get = createRoute({
  method: 'get',
  path: '/w/{ws}/imports/{id}',
  ...access('records:read'),
  tags: ['Import and export'],
  summary: 'An import’s progress and problems',
  request: { params: jobParams },
  responses: { 200: { description: 'The job', content: { 'application/json': { schema: jobSchema } } }, ...errorResponses(401, 404) },
});

const undo = createRoute({
  method: 'post',
  path: '/w/{ws}/imports/{id}/undo',
  ...access('records:write'),
  tags: ['Import and export'],
  summary: 'Undo a finished import: delete the records it created and put back the fields it changed (unless edited since)',
  description: 'Allowed to whoever started the import and to admins. 409 while the import still runs or when it was already undone.',
  request: { params: jobParams },
  responses: { 200: { description: 'The job, now `undone`', content: { 'application/json': { schema: jobSchema } } }, ...errorResponses(401, 403, 404, 409) },
});

/** The raw body; a form or JSON wrapper is refused with a hint (the file must be the body). */
async function readUpload(c: Context<AppEnv>): Promise<Uint8Array> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (/^(application\/json|multipart\/|application\/x-www-form-urlencoded)/.test(type)) {
    const message = 'Send the CSV file itself as the request body, with Content-Type text/csv.';
    throw new AppError('validation_failed', message, { fields: { file: message } });
  }
  return new Uint8Array(await c.req.arrayBuffer());
}

export const importRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
importRoutes.use('/w/:ws/imports', uploadLimit).use('/w/:ws/imports/preview', uploadLimit);
importRoutes
  .openapi(preview, async (c) => {
    const q = c.req.valid('query');
    const ws = c.var.workspace;
    const file = openCsvFile(await readUpload(c), q.entity, q.header);
    const mapping = resolveMapping(q.entity, q.mapping, file, { requireAll: false });
    const owners = await loadOwners(c.var.control, ws.id);
    return c.json(await previewImport(ws.client, q.entity, file, mapping, owners, c.var.workspace.userId), 200);
  })
  .openapi(start, async (c) => {
    const q = c.req.valid('query');
    const { workspace: ws, platform } = c.var;
    const file = openCsvFile(await readUpload(c), q.entity, q.header);
    const mapping = resolveMapping(q.entity, q.mapping, file, { requireAll: true });
    const dedupe = resolveDedupe(q.entity, q.dedupe, mapping);
    const totalRows = countDataRecords(file);
    if (totalRows === 0) {
      const message = 'The file has no rows to import, only the header.';
      throw new AppError('validation_failed', message, { fields: { file: message } });
    }
    const plan: ImportPlan = {
      entity: q.entity,
      file,
      totalRows,
      mapping,
      dedupe,
      mode: q.mode,
      owners: await loadOwners(c.var.control, ws.id),
      userId: c.var.workspace.userId,
      recordLimit: limitsOf(ws.plan).records,
    };
    const job = await createImportJob(ws.db, plan, actorOf(c).now);
    platform.background(c, () => runImport(ws.db, ws.client, job.id, plan, () => platform.now().getTime(), platform.logger));
    c.header('Location', `/api/v1/w/${ws.slug}/imports/${job.id}`);
    return c.json(job, 202);
  })
  .openapi(list, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    return c.json(await listImportJobs(c.var.workspace.db, limit, cursor), 200);
  })
  .openapi(get, async (c) => c.json(await getImportJob(c.var.workspace.db, c.req.valid('param').id, actorOf(c).now), 200))
  .openapi(undo, async (c) => {
    const ws = c.var.workspace;
    const actor = actorOf(c);
    const id = c.req.valid('param').id;
    const job = await getImportJob(ws.db, id, actor.now);
    if (ws.role === 'member' && job.createdBy !== actor.userId) {
      throw new AppError('forbidden', 'Only whoever started this import, or an admin, can undo it.');
    }
    return c.json(await undoImport(ws.db, ws.client, id, actor), 200);
  });
