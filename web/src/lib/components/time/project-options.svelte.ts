// The projects and tasks a person can book time on, for the timer and the timesheet pickers:
// loaded once per workspace (open projects by name), tasks once per project.
import { request } from '../../api.ts';
import { projectsApi } from '../../projects-api.ts';

export interface ProjectOption {
  id: string;
  name: string;
  currency: string;
}

export interface TaskOption {
  id: string;
  title: string;
  done: boolean;
}

const projects = $state<Record<string, ProjectOption[] | undefined>>({});
const tasks = $state<Record<string, TaskOption[] | undefined>>({});
const loading: Record<string, Promise<unknown> | undefined> = {};

/** Open projects of the workspace (planned, active, on hold), by name; [] until loaded. */
export function projectOptions(ws: string): ProjectOption[] {
  if (!projects[ws] && !loading[`p:${ws}`]) {
    loading[`p:${ws}`] = projectsApi
      .list(ws, { kind: 'planned,active,on_hold', sort: 'name', limit: 200 })
      .then((page) => (projects[ws] = page.items.map((p) => ({ id: p.id, name: p.name, currency: p.currency }))))
      .catch(() => (projects[ws] = []))
      .finally(() => (loading[`p:${ws}`] = undefined));
  }
  return projects[ws] ?? [];
}

/** Forgets the loaded projects (a project was created or renamed elsewhere). */
export function refreshProjectOptions(ws: string): void {
  projects[ws] = undefined;
}

/** A project's open tasks first, then the finished ones; [] until loaded. */
export function taskOptions(ws: string, projectId: string): TaskOption[] {
  const key = `${ws}:${projectId}`;
  if (!tasks[key] && !loading[`t:${key}`]) {
    loading[`t:${key}`] = request<{ items: { id: string; title: string; done: boolean }[] }>(
      'GET',
      `/w/${encodeURIComponent(ws)}/tasks?projectId=${encodeURIComponent(projectId)}&limit=200`,
    )
      .then((page) => (tasks[key] = page.items.map((t) => ({ id: t.id, title: t.title, done: t.done })).sort((a, b) => Number(a.done) - Number(b.done))))
      .catch(() => (tasks[key] = []))
      .finally(() => (loading[`t:${key}`] = undefined));
  }
  return tasks[key] ?? [];
}
