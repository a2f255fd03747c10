// Typed calls for project tasks: the board, moves, the timeline and task writes
// (API.md: /w/:ws/tasks with projectId, /w/:ws/projects/:id/board, /w/:ws/projects/:id/timeline).
import { request, type RequestOptions } from './api.ts';
import type { Board, ColumnKey, Move, ProjectTask, TaskInput, Timeline } from './project-task-types.ts';

export * from './project-task-types.ts';

const wsPath = (ws: string) => `/w/${encodeURIComponent(ws)}`;
const taskPath = (ws: string, id: string) => `${wsPath(ws)}/tasks/${encodeURIComponent(id)}`;
const projectPath = (ws: string, id: string) => `${wsPath(ws)}/projects/${encodeURIComponent(id)}`;
const ifMatch = (version: number | undefined): RequestOptions => (version === undefined ? {} : { headers: { 'If-Match': `"${version}"` } });

export const projectTasksApi = {
  board: (ws: string, projectId: string, options?: RequestOptions) => request<Board>('GET', `${projectPath(ws, projectId)}/board`, undefined, options),
  /** The rest of a column past the board's first cards. */
  column: (ws: string, projectId: string, status: ColumnKey, cursor: string, options?: RequestOptions) =>
    request<{ items: ProjectTask[]; nextCursor: string | null }>(
      'GET',
      `${wsPath(ws)}/tasks?projectId=${encodeURIComponent(projectId)}&status=${status}&sort=position&limit=200&cursor=${encodeURIComponent(cursor)}`,
      undefined,
      options,
    ),
  timeline: (ws: string, projectId: string, options?: RequestOptions) => request<Timeline>('GET', `${projectPath(ws, projectId)}/timeline`, undefined, options),
  create: (ws: string, projectId: string, input: TaskInput & { title: string }) => request<ProjectTask>('POST', `${wsPath(ws)}/tasks`, { ...input, projectId }),
  update: (ws: string, id: string, input: TaskInput, version?: number) => request<ProjectTask>('PATCH', taskPath(ws, id), input, ifMatch(version)),
  move: (ws: string, id: string, move: Move) => request<ProjectTask>('POST', `${taskPath(ws, id)}/move`, move),
  remove: (ws: string, id: string) => request<void>('DELETE', taskPath(ws, id)),
  restore: (ws: string, id: string) => request<ProjectTask>('POST', `${taskPath(ws, id)}/restore`),
};
