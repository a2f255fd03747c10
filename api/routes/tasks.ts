import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { hasFeature } from '../access/entitlements.ts';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { moveTask } from '../domain/project-board/move-task.ts';
import { getTask, listTasks, TASK_SORTS } from '../domain/tasks/list-tasks.ts';
import { myTasks } from '../domain/tasks/my-tasks.ts';
import { BOARD_COLUMNS, type WriteOptions } from '../domain/tasks/project-task.ts';
import { createTask, restoreTask, trashTask, updateTask } from '../domain/tasks/write-task.ts';
import { isTimeZone } from '../domain/tasks/zoned-day.ts';
import { assertMember } from '../domain/workspaces/assert-member.ts';
import { errorResponses, validationHook } from '../validation.ts';
import { actorOf, boolParam, cursorParam, etag, idParams, ifMatch, isoDateTimeParam, limitParam, listOf, wsParams } from './records.ts';

/** Latest instant a due date may name (end of year 9999); keeps every value below NO_DUE_DATE. */
const MAX_TIMESTAMP = 253402300799999;

const idRef = (what: string) => z.string({ error: `Use the id of a ${what}, or null.` }).max(64, 'Use at most 64 characters.').nullable();

const timestamp = () =>
  z.iso
    .datetime({ offset: true, error: 'Use an ISO 8601 timestamp such as 2026-11-27T09:30:00Z, or null.' })
    .transform((v) => Date.parse(v))
    .refine((ms) => ms >= 0 && ms <= MAX_TIMESTAMP, 'Use a date between 1970 and 9999.')
    .nullable()
    .openapi({ type: 'string', format: 'date-time', example: '2026-11-27T09:30:00.000Z' });

const checklistItem = z
  .object({
    id: z.string({ error: 'Use a short text id.' }).min(1).max(64, 'Use at most 64 characters.').optional().openapi({ description: 'Kept when given; new items get one.' }),
    title: z.string({ error: 'Enter the item’s text.' }).trim().min(1, 'Enter the item’s text.').max(200, 'Use at most 200 characters.'),
    done: z.boolean({ error: 'Use true or false.' }).default(false),
  })
  .strict();

const fields = {
  title: z.string({ error: 'Enter a title.' }).trim().min(1, 'Enter a title.').max(200, 'Use at most 200 characters.'),
  dueAt: timestamp(),
  done: z.boolean({ error: 'Use true or false.' }),
  assigneeId: idRef('member of this workspace'),
  companyId: idRef('company'),
  contactId: idRef('contact'),
  dealId: idRef('deal'),
  projectId: idRef('project'),
  status: z.string({ error: 'Use a short text, or null.' }).trim().max(50, 'Use at most 50 characters.').nullable(),
  position: z
    .string({ error: 'Use an ordering key, or null.' })
    .regex(/^[0-9A-Za-z]{1,64}$/, 'Use up to 64 letters and digits.')
    .nullable(),
  estimateMinutes: z
    .number({ error: 'Use a whole number of minutes, or null.' })
    .int('Use a whole number of minutes.')
    .min(0, 'Use 0 or more minutes.')
    .max(100_000, 'Use at most 100,000 minutes.')
    .nullable(),
  startAt: timestamp().openapi({ description: 'Where the task’s bar begins on the project timeline (it ends at dueAt).' }),
  checklist: z
    .array(checklistItem, { error: 'Use a list of {title, done} items.' })
    .max(100, 'Use at most 100 items.')
    .refine((items) => new Set(items.flatMap((i) => (i.id ? [i.id] : []))).size === items.filter((i) => i.id).length, 'Give each item its own id.')
    .transform((items) => items.map((i) => ({ id: i.id ?? crypto.randomUUID(), title: i.title, done: i.done }))),
  dependsOn: z
    .array(z.string({ error: 'Use task ids.' }).min(1).max(64, 'Use task ids.'), { error: 'Use a list of task ids.' })
    .max(100, 'Use at most 100 dependencies.')
    .transform((ids) => [...new Set(ids)])
    .openapi({ description: 'Tasks of the same project that must finish before this one starts (finish-to-start); no loops.' }),
  milestoneId: idRef('milestone of this task’s project'),
};

const createBody = z
  .object(fields)
  .partial()
  .extend({ title: fields.title })
  .strict()
  .openapi('TaskCreate');

const patchBody = z.object(fields).partial().strict().openapi('TaskPatch');

export const taskSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    dueAt: z.string().nullable(),
    done: z.boolean(),
    assigneeId: z.string().nullable(),
    companyId: z.string().nullable(),
    contactId: z.string().nullable(),
    dealId: z.string().nullable(),
    projectId: z.string().nullable(),
    status: z.string().nullable().openapi({ description: `For a project task its board column: ${BOARD_COLUMNS.join(', ')} (done ⇔ done: true).` }),
    position: z.string().nullable().openapi({ description: 'Order within the board column; compare as byte strings.' }),
    estimateMinutes: z.number().int().nullable(),
    startAt: z.string().nullable(),
    checklist: z.array(z.object({ id: z.string(), title: z.string(), done: z.boolean() })),
    dependsOn: z.array(z.string()).openapi({ description: 'Live tasks this one waits for (finish-to-start), sorted by id.' }),
    milestoneId: z.string().nullable(),
    companyName: z.string().nullable().openapi({ description: 'The linked company’s name (read-only).' }),
    contactName: z.string().nullable().openapi({ description: 'The linked contact’s name (read-only).' }),
    dealTitle: z.string().nullable().openapi({ description: 'The linked deal’s title (read-only).' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    deletedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Task');

const listQuery = z
  .object({
    limit: limitParam,
    cursor: cursorParam,
    sort: z.enum(TASK_SORTS).default('dueAt').openapi({ description: 'dueAt: tasks without a due date last (first with -dueAt). position (board order) needs projectId and status.' }),
    assigneeId: z.string().max(64).optional().openapi({ description: 'A member id, or `me`.' }),
    companyId: z.string().max(64).optional(),
    contactId: z.string().max(64).optional(),
    dealId: z.string().max(64).optional(),
    projectId: z.string().max(64).optional(),
    status: z.string().max(50).optional(),
    done: boolParam.optional(),
    dueFrom: isoDateTimeParam.optional().openapi({ description: 'dueFrom ≤ dueAt' }),
    dueTo: isoDateTimeParam.optional().openapi({ description: 'dueAt < dueTo' }),
    updatedSince: isoDateTimeParam.optional(),
    deleted: boolParam.optional(),
  })
  .strict();

const mineQuery = z
  .object({
    tz: z
      .string()
      .max(64)
      .refine(isTimeZone, 'Use an IANA time zone such as Europe/Prague.')
      .default('Europe/Prague')
      .openapi({ description: 'The time zone that decides where today begins and ends.' }),
  })
  .strict();

const mineSchema = z
  .object({ overdue: z.array(taskSchema), today: z.array(taskSchema), upcoming: z.array(taskSchema) })
  .openapi('MyTasks');

const moveBody = z
  .object({
    status: z.enum(BOARD_COLUMNS, { error: `Use one of ${BOARD_COLUMNS.join(', ')}.` }),
    afterId: z.string({ error: 'Use the id of a card.' }).max(64).optional().openapi({ description: 'The card that ends up directly above this one.' }),
    beforeId: z.string({ error: 'Use the id of a card.' }).max(64).optional().openapi({ description: 'The card that ends up directly below (used when afterId is absent).' }),
  })
  .strict()
  .openapi('TaskMove');

const one = { content: { 'application/json': { schema: taskSchema } } };

const list = createRoute({
  method: 'get',
  path: '/w/{ws}/tasks',
  ...access('records:read'),
  tags: ['Tasks'],
  summary: 'List tasks (keyset pages; filter, sort). `deleted=true` lists the trash.',
  request: { params: wsParams, query: listQuery },
  responses: { 200: { description: 'A page', content: { 'application/json': { schema: listOf(taskSchema, 'TaskList') } } }, ...errorResponses(400, 401, 404) },
});

const mine = createRoute({
  method: 'get',
  path: '/w/{ws}/tasks/mine',
  ...access('records:read'),
  tags: ['Tasks'],
  summary: "The caller's open tasks: overdue (due before today), today, upcoming (later, then undated); at most 100 each",
  request: { params: wsParams, query: mineQuery },
  responses: { 200: { description: 'My tasks', content: { 'application/json': { schema: mineSchema } } }, ...errorResponses(400, 401, 404) },
});

const get = createRoute({
  method: 'get',
  path: '/w/{ws}/tasks/{id}',
  ...access('records:read'),
  tags: ['Tasks'],
  summary: 'One task',
  request: { params: idParams },
  responses: { 200: { description: 'The task; ETag carries its version', ...one }, ...errorResponses(401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/w/{ws}/tasks',
  ...access('records:write', { adds: true }),
  tags: ['Tasks'],
  summary: 'Create a task (assigned to the caller unless `assigneeId` says otherwise). A task with a projectId is a project task: Pro, 402 on free',
  request: { params: wsParams, body: { required: true, content: { 'application/json': { schema: createBody } } } },
  responses: { 201: { description: 'Created', ...one }, ...errorResponses(400, 401, 403, 404, 413) },
});

const patch = createRoute({
  method: 'patch',
  path: '/w/{ws}/tasks/{id}',
  ...access('records:write'),
  tags: ['Tasks'],
  summary: 'Change some fields (If-Match for optimistic concurrency)',
  request: { params: idParams, body: { required: true, content: { 'application/json': { schema: patchBody } } } },
  responses: { 200: { description: 'Updated', ...one }, ...errorResponses(400, 401, 403, 404, 409) },
});

const remove = createRoute({
  method: 'delete',
  path: '/w/{ws}/tasks/{id}',
  ...access('records:write'),
  tags: ['Tasks'],
  summary: 'Move to the trash (restorable for 30 days)',
  request: { params: idParams },
  responses: { 204: { description: 'In the trash' }, ...errorResponses(401, 403, 404, 409) },
});

const restore = createRoute({
  method: 'post',
  path: '/w/{ws}/tasks/{id}/restore',
  ...access('records:write', { adds: true }),
  tags: ['Tasks'],
  summary: 'Bring a task back from the trash',
  request: { params: idParams },
  responses: { 200: { description: 'Restored', ...one }, ...errorResponses(401, 403, 404) },
});

const move = createRoute({
  method: 'post',
  path: '/w/{ws}/tasks/{id}/move',
  ...access('projects:write'),
  tags: ['Tasks'],
  summary: 'Drop a project task into a board column between two cards (fractional positions: only this card’s key changes)',
  request: { params: idParams, body: { required: true, content: { 'application/json': { schema: moveBody } } } },
  responses: { 200: { description: 'Moved', ...one }, ...errorResponses(400, 401, 403, 404, 409) },
});

/** Whether this workspace may write project tasks (its plan includes projects). */
const writeOptions = (c: Context<AppEnv>): WriteOptions => ({ projects: hasFeature(c.var.workspace.plan, 'projects') });

// `/tasks/mine` goes before `/tasks/{id}`, which would otherwise take it for an id.
export const taskRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(mine, async (c) => {
    return c.json(await myTasks(c.var.workspace.db, c.var.workspace.userId, c.var.platform.now().getTime(), c.req.valid('query').tz), 200);
  })
  .openapi(list, async (c) => {
    const query = c.req.valid('query');
    // `me` names the caller (for an API key, the person who created it).
    const assigneeId = query.assigneeId === 'me' ? c.var.workspace.userId : query.assigneeId;
    return c.json(await listTasks(c.var.workspace.db, { ...query, assigneeId }), 200);
  })
  .openapi(get, async (c) => {
    const task = await getTask(c.var.workspace.db, c.req.valid('param').id);
    c.header('ETag', etag(task.version));
    return c.json(task, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const ws = c.var.workspace;
    const assigneeId = body.assigneeId === undefined ? c.var.workspace.userId : body.assigneeId;
    await assertMember(c.var.control, ws.id, assigneeId, 'assigneeId');
    const task = await createTask(
      ws.db,
      {
        title: body.title,
        dueAt: body.dueAt ?? null,
        done: body.done ?? false,
        assigneeId,
        companyId: body.companyId ?? null,
        contactId: body.contactId ?? null,
        dealId: body.dealId ?? null,
        projectId: body.projectId ?? null,
        status: body.status || null,
        position: body.position ?? null,
        estimateMinutes: body.estimateMinutes ?? null,
        startAt: body.startAt ?? null,
        checklist: body.checklist ?? [],
        milestoneId: body.milestoneId ?? null,
        dependsOn: body.dependsOn ?? [],
      },
      actorOf(c),
      writeOptions(c),
    );
    c.header('ETag', etag(task.version));
    return c.json(task, 201);
  })
  .openapi(patch, async (c) => {
    const body = c.req.valid('json');
    const ws = c.var.workspace;
    await assertMember(c.var.control, ws.id, body.assigneeId, 'assigneeId');
    const changes = body.status === '' ? { ...body, status: null } : body;
    const task = await updateTask(ws.db, c.req.valid('param').id, changes, actorOf(c), writeOptions(c), ifMatch(c));
    c.header('ETag', etag(task.version));
    return c.json(task, 200);
  })
  .openapi(remove, async (c) => {
    await trashTask(c.var.workspace.db, c.req.valid('param').id, actorOf(c), writeOptions(c), ifMatch(c));
    return c.body(null, 204);
  })
  .openapi(restore, async (c) => {
    const task = await restoreTask(c.var.workspace.db, c.req.valid('param').id, actorOf(c), writeOptions(c));
    c.header('ETag', etag(task.version));
    return c.json(task, 200);
  })
  .openapi(move, async (c) => {
    const task = await moveTask(c.var.workspace.db, c.req.valid('param').id, c.req.valid('json'), actorOf(c), ifMatch(c));
    c.header('ETag', etag(task.version));
    return c.json(task, 200);
  });
