import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { access } from '../access/gate.ts';
import type { AppEnv } from '../context.ts';
import { projectBoard } from '../domain/project-board/board.ts';
import { projectTimeline } from '../domain/project-board/timeline.ts';
import { BOARD_COLUMNS } from '../domain/tasks/project-task.ts';
import { errorResponses, validationHook } from '../validation.ts';
import { idParams } from './records.ts';
import { taskSchema } from './tasks.ts';

const boardSchema = z
  .object({
    projectId: z.string(),
    columns: z.array(
      z.object({
        status: z.enum(BOARD_COLUMNS),
        count: z.number().int(),
        estimateMinutes: z.number().int().openapi({ description: 'Sum of the column’s estimates.' }),
        items: z.array(taskSchema),
        nextCursor: z.string().nullable().openapi({ description: 'More cards: GET /tasks?projectId=…&status=…&sort=position&cursor=…' }),
      }),
    ),
  })
  .openapi('ProjectBoard');

const timelineSchema = z
  .object({
    project: z.object({ id: z.string(), name: z.string(), startOn: z.string().nullable(), dueOn: z.string().nullable() }),
    tasks: z.array(taskSchema).openapi({ description: 'Bars run from startAt to dueAt (one of them alone: a one-day bar); tasks with neither are unscheduled.' }),
    milestones: z.array(z.object({ id: z.string(), name: z.string(), dueOn: z.string().nullable(), done: z.boolean() })),
    dependencies: z.array(
      z.object({
        taskId: z.string(),
        dependsOnId: z.string(),
        violated: z.boolean(),
        reason: z
          .enum(['dates', 'status'])
          .nullable()
          .openapi({ description: 'dates: the task starts before its predecessor is due; status: done while the predecessor is not.' }),
      }),
    ),
  })
  .openapi('ProjectTimeline');

const board = createRoute({
  method: 'get',
  path: '/w/{ws}/projects/{id}/board',
  ...access('records:read'),
  tags: ['Projects'],
  summary: `The project's task board: columns ${BOARD_COLUMNS.join(', ')} in order, each with its count, estimate total and first 200 cards`,
  request: { params: idParams },
  responses: { 200: { description: 'The board', content: { 'application/json': { schema: boardSchema } } }, ...errorResponses(401, 404) },
});

const timeline = createRoute({
  method: 'get',
  path: '/w/{ws}/projects/{id}/timeline',
  ...access('records:read'),
  tags: ['Projects'],
  summary: 'The project on a date axis: tasks as bars, milestones, finish-to-start dependencies with violations flagged',
  request: { params: idParams },
  responses: { 200: { description: 'The timeline', content: { 'application/json': { schema: timelineSchema } } }, ...errorResponses(401, 404) },
});

export const projectBoardRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(board, async (c) => c.json(await projectBoard(c.var.workspace.db, c.req.valid('param').id), 200))
  .openapi(timeline, async (c) => c.json(await projectTimeline(c.var.workspace.db, c.req.valid('param').id), 200));
