// The shapes of project tasks, their board and timeline as the API sends them (no runtime
// imports: the timeline helpers and their unit tests use them outside the browser).

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
