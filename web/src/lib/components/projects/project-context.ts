import { getContext, setContext } from 'svelte';
import type { Project } from '../../projects-api.ts';

/** What the project layout shares with its tab pages: the loaded project and how to refresh it. */
export interface ProjectContext {
  /** null while loading or when it could not be loaded (the layout shows that state itself). */
  readonly project: Project | null;
  /** false on a free workspace: pro data stays visible but read-only. */
  readonly canEdit: boolean;
  /** Reload the project from the server (after a change made by a tab). */
  reload(): Promise<void>;
  /** Replace the shown project with a fresh answer of the API (a PATCH result, say). */
  set(project: Project): void;
}

const KEY = Symbol('project');

export function setProjectContext(context: ProjectContext): void {
  setContext(KEY, context);
}

/** The project of the current /w/[ws]/projects/[id] page, for its tabs. */
export function useProject(): ProjectContext {
  const context = getContext<ProjectContext | undefined>(KEY);
  if (!context) throw new Error('useProject() outside /w/[ws]/projects/[id]');
  return context;
}
