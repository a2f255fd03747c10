import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { isDate, isIsoWeek, isoWeek } from '../domain/time/iso-week.ts';
import { listTimeEntries, TIME_ENTRY_SORTS } from '../domain/time/list-time-entries.ts';
import { workspaceRates } from '../domain/time/rates.ts';
import { setTimesheetCell, timesheet } from '../domain/time/timesheet.ts';
import { createTimeEntry, entryById, restoreTimeEntry, trashTimeEntry, updateTimeEntry, type Writer } from '../domain/time/write-time-entry.ts';
import { DEFAULT_TIME_ZONE, dateIn } from '../domain/time/zoned-date.ts';
import { isTimeZone } from '../domain/tasks/zoned-day.ts';
import { errorResponses, validationHook } from '../validation.ts';
import { moneySchema } from './deals.ts';
import { cursorParam, etag, idParams, ifMatch, limitParam, listOf, optionalText, wsParams } from './records.ts';

// ---- shared pieces of the time-tracking routes ----------------------------------------------

export const dateField = z
  .string({ error: 'Use a date such as 2026-11-27.' })
  .refine(isDate, 'Use a date such as 2026-11-27.')
  .openapi({ example: '2026-11-27' });

export const idField = (what: string) => z.string({ error: `Use the id of a ${what}.` }).min(1, `Use the id of a ${what}.`).max(64, 'Use at most 64 characters.');

export const tzField = z
  .string()
  .max(64)
  .refine(isTimeZone, 'Use an IANA time zone such as Europe/Prague.')
  .openapi({ description: 'The caller’s time zone: which calendar day the time belongs to. Default Europe/Prague.', example: 'Europe/Prague' });

export const moneyOut = z.object({ amount: z.number().int(), currency: z.string() });

/** Who writes: members book their own time; owners and admins anyone's. */
export function writerOf(c: Context<AppEnv>): Writer {
  const ws = c.var.workspace;
  return { userId: ws.userId, now: c.var.platform.now().getTime(), mayWriteForOthers: ws.role !== 'member' };
}

// ---- time entries ----------------------------------------------------------------------------

const minutesField = z
  .number({ error: 'Use whole minutes from 1 to 1440.' })
  .int('Use whole minutes from 1 to 1440.')
  .min(1, 'Use whole minutes from 1 to 1440.')
  .max(1440, 'Use whole minutes from 1 to 1440.');

const fields = {
  projectId: idField('project'),
  taskId: idField('task').nullable(),
  userId: idField('member of this workspace'),
  date: dateField,
  minutes: minutesField,
  billable: z.boolean({ error: 'Use true or false.' }),
  hourlyRate: moneySchema.nullable().openapi({ description: 'Billing rate per hour; null or absent: the project’s rate, else the member’s billRate.' }),
  note: optionalText(2000),
};

const createBody = z
  .object({ ...fields, taskId: fields.taskId.optional(), userId: fields.userId.optional(), billable: fields.billable.optional(), hourlyRate: fields.hourlyRate.optional(), note: fields.note.optional() })
  .strict()
  .openapi('TimeEntryCreate');
const patchBody = z.object(fields).partial().strict().openapi('TimeEntryPatch');

export const timeEntrySchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    projectName: z.string(),
    taskId: z.string().nullable(),
    taskTitle: z.string().nullable(),
    userId: z.string(),
    date: z.string(),
    week: z.string().openapi({ description: 'ISO week of the date, YYYY-Www' }),
    minutes: z.number().int(),
    billable: z.boolean(),
    hourlyRate: moneyOut.nullable(),
    costRate: moneyOut.nullable().openapi({ description: 'The member’s cost rate per hour when the entry was written' }),
    revenue: moneyOut.openapi({ description: 'billable ? minutes × hourlyRate / 60 : 0, rounded half-up to minor units' }),
    cost: moneyOut.openapi({ description: 'minutes × costRate / 60, rounded half-up to minor units' }),
    note: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    deletedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('TimeEntry');

const listQuery = z
  .object({
    limit: limitParam,
    cursor: cursorParam,
    sort: z.enum(TIME_ENTRY_SORTS).default('-date'),
    projectId: z.string().max(64).optional(),
    taskId: z.string().max(64).optional(),
    userId: z.string().max(64).optional().openapi({ description: 'Default: the caller, unless projectId or taskId is given (then everyone’s).' }),
    dateFrom: dateField.optional(),
    dateTo: dateField.optional(),
  })
  .strict();

const one = { content: { 'application/json': { schema: timeEntrySchema } } };
const TAGS = ['Time tracking'];

const list = createRoute({
  method: 'get',
  path: '/w/{ws}/time-entries',
  ...access('records:read'),
  tags: TAGS,
  summary: 'List time entries, newest day first (filters projectId, taskId, userId, dateFrom/dateTo)',
  request: { params: wsParams, query: listQuery },
  responses: { 200: { description: 'A page', content: { 'application/json': { schema: listOf(timeEntrySchema, 'TimeEntryList') } } }, ...errorResponses(400, 401, 404) },
});

const get = createRoute({
  method: 'get',
  path: '/w/{ws}/time-entries/{id}',
  ...access('records:read'),
  tags: TAGS,
  summary: 'One time entry',
  request: { params: idParams },
  responses: { 200: { description: 'The entry; ETag carries its version', ...one }, ...errorResponses(401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/w/{ws}/time-entries',
  ...access('projects:write', { adds: true }),
  tags: TAGS,
  summary: 'Book time on a project (members book their own; owners and admins anyone’s)',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: createBody } } } },
  responses: { 201: { description: 'Created', ...one }, ...errorResponses(400, 401, 403, 404, 413) },
});

const patch = createRoute({
  method: 'patch',
  path: '/w/{ws}/time-entries/{id}',
  ...access('projects:write'),
  tags: TAGS,
  summary: 'Change an entry (money recomputed; If-Match for optimistic concurrency)',
  request: { params: idParams, body: { required: true, content: { 'application/json': { schema: patchBody } } } },
  responses: { 200: { description: 'Updated', ...one }, ...errorResponses(400, 401, 403, 404, 409) },
});

const remove = createRoute({
  method: 'delete',
  path: '/w/{ws}/time-entries/{id}',
  ...access('projects:write'),
  tags: TAGS,
  summary: 'Move an entry to the trash (restorable for 30 days)',
  request: { params: idParams },
  responses: { 204: { description: 'In the trash' }, ...errorResponses(401, 403, 404, 409) },
});

const restore = createRoute({
  method: 'post',
  path: '/w/{ws}/time-entries/{id}/restore',
  ...access('projects:write', { adds: true }),
  tags: TAGS,
  summary: 'Bring an entry back from the trash (undo of a delete)',
  request: { params: idParams },
  responses: { 200: { description: 'Restored', ...one }, ...errorResponses(401, 403, 404) },
});

// ---- timesheet -------------------------------------------------------------------------------

const timesheetSchema = z
  .object({
    week: z.string(),
    userId: z.string(),
    days: z.array(z.string()).openapi({ description: 'Monday … Sunday, YYYY-MM-DD' }),
    rows: z.array(
      z.object({
        projectId: z.string(),
        projectName: z.string(),
        taskId: z.string().nullable(),
        taskTitle: z.string().nullable(),
        minutes: z.array(z.number().int()).openapi({ description: 'Per day, Monday first' }),
        total: z.number().int(),
      }),
    ),
    totals: z.object({ days: z.array(z.number().int()), minutes: z.number().int() }),
  })
  .openapi('Timesheet');

const weekParam = z
  .string()
  .refine(isIsoWeek, 'Use an ISO week such as 2026-W48.')
  .openapi({ description: 'ISO week YYYY-Www; default: the current week in tz', example: '2026-W48' });

const sheet = createRoute({
  method: 'get',
  path: '/w/{ws}/timesheet',
  ...access('records:read'),
  tags: TAGS,
  summary: 'One person’s week: rows = project/task, columns = days (default: the caller, this week)',
  request: { params: wsParams, query: z.object({ week: weekParam.optional(), userId: z.string().max(64).optional(), tz: tzField.optional() }).strict() },
  responses: { 200: { description: 'The week', content: { 'application/json': { schema: timesheetSchema } } }, ...errorResponses(400, 401, 404) },
});

const cellBody = z
  .object({
    projectId: fields.projectId,
    taskId: fields.taskId.optional(),
    userId: fields.userId.optional(),
    date: fields.date,
    minutes: z.number({ error: 'Use whole minutes from 0 to 1440.' }).int('Use whole minutes from 0 to 1440.').min(0, 'Use whole minutes from 0 to 1440.').max(1440, 'Use whole minutes from 0 to 1440.'),
  })
  .strict()
  .openapi('TimesheetCell');

const cell = createRoute({
  method: 'put',
  path: '/w/{ws}/timesheet/cells',
  ...access('projects:write', { adds: true }),
  tags: TAGS,
  summary: 'Set one cell of a timesheet (a day’s minutes on a project/task) to a total; 0 clears it. Keeps the entries already there.',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: cellBody } } } },
  responses: { 200: { description: 'The cell’s entries afterwards', content: { 'application/json': { schema: z.object({ items: z.array(timeEntrySchema) }).openapi('TimesheetCellEntries') } } }, ...errorResponses(400, 401, 403, 404) },
});

export const timeEntryRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const userId = q.userId ?? (q.projectId === undefined && q.taskId === undefined ? c.var.workspace.userId : undefined);
    return c.json(await listTimeEntries(c.var.workspace.db, { ...q, userId }), 200);
  })
  .openapi(get, async (c) => {
    const entry = await entryById(c.var.workspace.db, c.req.valid('param').id);
    c.header('ETag', etag(entry.version));
    return c.json(entry, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const ws = c.var.workspace;
    const entry = await createTimeEntry(
      ws.db,
      {
        projectId: body.projectId,
        taskId: body.taskId ?? null,
        userId: body.userId ?? ws.userId,
        date: body.date,
        minutes: body.minutes,
        billable: body.billable ?? true,
        hourlyRate: body.hourlyRate,
        note: body.note ?? null,
      },
      await workspaceRates(c.var.control, ws.id),
      writerOf(c),
    );
    c.header('ETag', etag(entry.version));
    return c.json(entry, 201);
  })
  .openapi(patch, async (c) => {
    const ws = c.var.workspace;
    const entry = await updateTimeEntry(ws.db, c.req.valid('param').id, c.req.valid('json'), await workspaceRates(c.var.control, ws.id), writerOf(c), ifMatch(c));
    c.header('ETag', etag(entry.version));
    return c.json(entry, 200);
  })
  .openapi(remove, async (c) => {
    await trashTimeEntry(c.var.workspace.db, c.req.valid('param').id, writerOf(c), ifMatch(c));
    return c.body(null, 204);
  })
  .openapi(restore, async (c) => {
    const entry = await restoreTimeEntry(c.var.workspace.db, c.req.valid('param').id, writerOf(c));
    c.header('ETag', etag(entry.version));
    return c.json(entry, 200);
  })
  .openapi(sheet, async (c) => {
    const q = c.req.valid('query');
    const week = q.week ?? isoWeek(dateIn(q.tz ?? DEFAULT_TIME_ZONE, c.var.platform.now().getTime()));
    return c.json(await timesheet(c.var.workspace.db, q.userId ?? c.var.workspace.userId, week), 200);
  })
  .openapi(cell, async (c) => {
    const body = c.req.valid('json');
    const ws = c.var.workspace;
    const items = await setTimesheetCell(
      ws.db,
      { projectId: body.projectId, taskId: body.taskId ?? null, userId: body.userId ?? ws.userId, date: body.date, minutes: body.minutes },
      await workspaceRates(c.var.control, ws.id),
      writerOf(c),
    );
    return c.json({ items }, 200);
  });
