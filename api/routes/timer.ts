import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { currentTimer, discardTimer, startTimer, stopTimer } from '../domain/timer/timer.ts';
import { workspaceRates } from '../domain/time/rates.ts';
import { DEFAULT_TIME_ZONE } from '../domain/time/zoned-date.ts';
import { errorResponses, validationHook } from '../validation.ts';
import { optionalText, wsParams } from './records.ts';
import { idField, timeEntrySchema, tzField, writerOf } from './time-entries.ts';

const timerSchema = z
  .object({
    userId: z.string(),
    projectId: z.string(),
    projectName: z.string(),
    taskId: z.string().nullable(),
    taskTitle: z.string().nullable(),
    note: z.string().nullable(),
    billable: z.boolean(),
    startedAt: z.string(),
  })
  .openapi('Timer');

const TAGS = ['Time tracking'];
const booked = z.array(timeEntrySchema).openapi({ description: 'Entries booked from the stopped timer: one per calendar day (in tz) it ran through; none under 30 seconds.' });

const get = createRoute({
  method: 'get',
  path: '/w/{ws}/timer',
  ...access('records:read'),
  tags: TAGS,
  summary: 'The caller’s running timer, or null',
  request: { params: wsParams },
  responses: { 200: { description: 'The timer', content: { 'application/json': { schema: z.object({ timer: timerSchema.nullable() }).openapi('TimerState') } } }, ...errorResponses(401, 404) },
});

const startBody = z
  .object({
    projectId: idField('project'),
    taskId: idField('task').nullable().optional(),
    note: optionalText(2000).optional(),
    billable: z.boolean({ error: 'Use true or false.' }).optional(),
    tz: tzField.optional(),
  })
  .strict()
  .openapi('TimerStart');

const start = createRoute({
  method: 'post',
  path: '/w/{ws}/timer/start',
  ...access('projects:write', { adds: true }),
  tags: TAGS,
  summary: 'Start the caller’s timer; a running one is stopped and booked first (same transaction)',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: startBody } } } },
  responses: {
    201: { description: 'Running', content: { 'application/json': { schema: z.object({ timer: timerSchema, booked }).openapi('TimerStarted') } } },
    ...errorResponses(400, 401, 403, 404),
  },
});

const stop = createRoute({
  method: 'post',
  path: '/w/{ws}/timer/stop',
  ...access('projects:write', { adds: true }),
  tags: TAGS,
  summary: 'Stop the caller’s timer and book its time; a run across midnight books one entry per day',
  request: { params: wsParams, body: { required: false, content: { 'application/json': { schema: z.object({ tz: tzField.optional() }).strict().openapi('TimerStop') } } } },
  responses: { 200: { description: 'Booked', content: { 'application/json': { schema: z.object({ booked }).openapi('TimerStopped') } } }, ...errorResponses(400, 401, 403, 404) },
});

const discard = createRoute({
  method: 'delete',
  path: '/w/{ws}/timer',
  ...access('projects:write'),
  tags: TAGS,
  summary: 'Throw the caller’s running timer away without booking',
  request: { params: wsParams },
  responses: { 204: { description: 'Discarded' }, ...errorResponses(401, 403, 404) },
});

export const timerRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(get, async (c) => c.json({ timer: await currentTimer(c.var.workspace.db, c.var.workspace.userId) }, 200))
  .openapi(start, async (c) => {
    const body = c.req.valid('json');
    const ws = c.var.workspace;
    const result = await startTimer(
      ws.db,
      { projectId: body.projectId, taskId: body.taskId ?? null, note: body.note ?? null, billable: body.billable ?? true },
      body.tz ?? DEFAULT_TIME_ZONE,
      await workspaceRates(c.var.control, ws.id),
      writerOf(c),
    );
    return c.json(result, 201);
  })
  .openapi(stop, async (c) => {
    const ws = c.var.workspace;
    const tz = c.req.header('content-type')?.includes('json') ? (c.req.valid('json')?.tz ?? DEFAULT_TIME_ZONE) : DEFAULT_TIME_ZONE;
    return c.json(await stopTimer(ws.db, tz, await workspaceRates(c.var.control, ws.id), writerOf(c)), 200);
  })
  .openapi(discard, async (c) => {
    await discardTimer(c.var.workspace.db, c.var.workspace.userId);
    return c.body(null, 204);
  });
