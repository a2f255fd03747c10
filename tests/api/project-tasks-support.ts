// Helpers for the project task, board and timeline tests: a Pro workspace with a project made
// through POST /projects, and the shapes the task, board and timeline routes answer.
import { caller, tenantRows, type Caller } from './crm-support.ts';
import { setPlan, signUp, type Harness, type SignedUp } from './support.ts';

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
  deletedAt: string | null;
}

export interface BoardColumn {
  status: string;
  count: number;
  estimateMinutes: number;
  items: ProjectTask[];
  nextCursor: string | null;
}

export interface Board {
  projectId: string;
  columns: BoardColumn[];
}

export interface Timeline {
  project: { id: string; name: string; startOn: string | null; dueOn: string | null };
  tasks: ProjectTask[];
  milestones: { id: string; name: string; dueOn: string | null; done: boolean }[];
  dependencies: { taskId: string; dependsOnId: string; violated: boolean; reason: 'dates' | 'status' | null }[];
}

export interface ProUser {
  who: SignedUp;
  /** Requests under the user's own workspace. */
  a: Caller;
}

/** Signs up a user whose workspace is on Pro. */
export async function proUser(h: Harness, name = 'Petra Malá'): Promise<ProUser> {
  const who = await signUp(h.app, { name, workspaceName: `${name} s.r.o.` });
  await setPlan(h, who.workspace.id, 'pro');
  return { who, a: caller(h, who) };
}

/** A project through P1's projects API. */
export async function newProject(a: Caller, name = 'Web pro Pekárnu', extra: Record<string, unknown> = {}): Promise<string> {
  return (await a.ok<{ id: string }>('POST', '/projects', { name, ...extra })).id;
}

export async function newMilestone(a: Caller, projectId: string, name = 'Spuštění', dueOn = '2026-12-18'): Promise<string> {
  return (await a.ok<{ id: string }>('POST', `/projects/${projectId}/milestones`, { name, dueOn })).id;
}

export function newTask(a: Caller, projectId: string, title: string, extra: Record<string, unknown> = {}): Promise<ProjectTask> {
  return a.ok<ProjectTask>('POST', '/tasks', { title, projectId, ...extra });
}

export async function board(a: Caller, projectId: string): Promise<Board> {
  return a.ok<Board>('GET', `/projects/${projectId}/board`);
}

/** Card titles of one column, top to bottom. */
export async function columnTitles(a: Caller, projectId: string, status: string): Promise<string[]> {
  return (await board(a, projectId)).columns.find((c) => c.status === status)!.items.map((t) => t.title);
}

/** The tasks and dependency rows of a workspace as JSON, to prove a refused request wrote nothing. */
export async function taskState(h: Harness, who: SignedUp): Promise<string> {
  const tasks = await tenantRows(h, who.workspace.id, 'SELECT * FROM tasks ORDER BY id');
  const deps = await tenantRows(h, who.workspace.id, 'SELECT * FROM task_dependencies ORDER BY task_id, depends_on_id');
  const history = await tenantRows(h, who.workspace.id, "SELECT count(*) AS n FROM record_history WHERE entity = 'task'");
  return JSON.stringify({ tasks, deps, history });
}

/** Byte order of position keys (what SQLite's BINARY collation compares). */
export function byteLess(a: string, b: string): boolean {
  return Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0;
}
