import { getContext, setContext } from 'svelte';
import type { Me, Workspace } from './api.ts';

export interface WorkspaceContext {
  readonly me: Me;
  readonly workspace: Workspace;
}

const KEY = Symbol('workspace');

/** Called by the /w/[ws] layout with getters, so pages see fresh data after an invalidate. */
export function setWorkspaceContext(context: WorkspaceContext): void {
  setContext(KEY, context);
}

/** The signed-in user and the current workspace, for pages inside /w/[ws]. */
export function useWorkspace(): WorkspaceContext {
  const context = getContext<WorkspaceContext | undefined>(KEY);
  if (!context) throw new Error('useWorkspace() outside /w/[ws]');
  return context;
}
