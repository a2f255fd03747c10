// Typed calls for project tasks: the board, moves, the timeline and task writes
// (API.md: /w/:ws/tasks with projectId, /w/:ws/projects/:id/board, /w/:ws/projects/:id/timeline).
import { request, type RequestOptions } from './api.ts';

/** The fixed columns of every project board, in order (the API's `status` of a project task). */
export const BOARD_COLUMNS = ['todo', 'doing', 'review', 'done'] as const;
export type ColumnKey = (typeof BOARD_COLUMNS)[number];

export interface ChecklistItem {
  id: string;
  title: string;
  done: boolean;
}

export interface ProjectTask {
  id: string;
  title: string;
  dueAt: string | null;
  startAt: string | null;
  done: boolean;
  assigneeId: string | null;
  projectId: string | null;
  status: string | null;
  position: string | null;
  estimateMinutes: number | null;
  checklist: ChecklistItem[];
  dependsOn: string[];
  milestoneId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface BoardColumn {
  status: ColumnKey;
  count: number;
  estimateMinutes: number;
  items: ProjectTask[];
  nextCursor: string | null;
}

export interface Board {
  projectId: string;
  columns: BoardColumn[];
}

export interface TimelineDependency {
  taskId: string;
  dependsOnId: string;
  violated: boolean;
  reason: 'dates' | 'status' | null;
}

export interface Timeline {
  project: { id: string; name: string; startOn: string | null; dueOn: string | null };
  tasks: ProjectTask[];
  milestones: { id: string; name: string; dueOn: string | null; done: boolean }[];
  dependencies: TimelineDependency[];
}

export interface TaskInput {
  title?: string;
  status?: ColumnKey;
  done?: boolean;
  assigneeId?: string | null;
  estimateMinutes?: number | null;
  startAt?: string | null;
  dueAt?: string | null;
  checklist?: { id?: string; title: string; done: boolean }[];
  dependsOn?: string[];
  milestoneId?: string | null;
}

export interface Move {
  status: ColumnKey;
  afterId?: string;
  beforeId?: string;
}

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
