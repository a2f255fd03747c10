import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { api, ApiError, type Me, type Workspace } from '#lib/api.ts';
import type { LayoutLoad } from './$types';

export type WorkspaceState =
  | { status: 'ok'; me: Me; workspace: Workspace }
  | { status: 'not_found'; me: Me }
  | { status: 'error'; me: Me; message: string };

/** Loads the signed-in user and this workspace; 401 → /login, 404 → a not-found state. */
export const load: LayoutLoad = async ({ params, depends }): Promise<WorkspaceState> => {
  depends('app:workspace');
  const [meResult, wsResult] = await Promise.allSettled([
    api.me({ redirectOn401: false }),
    api.workspace(params.ws, { redirectOn401: false }),
  ]);
  if (meResult.status === 'rejected') {
    const error: unknown = meResult.reason;
    if (error instanceof ApiError && error.status === 401) redirect(307, resolve('/login'));
    throw error;
  }
  const me = meResult.value;
  if (wsResult.status === 'fulfilled') return { status: 'ok', me, workspace: wsResult.value };
  const error: unknown = wsResult.reason;
  if (error instanceof ApiError && error.status === 401) redirect(307, resolve('/login'));
  if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return { status: 'not_found', me };
  return { status: 'error', me, message: error instanceof Error ? error.message : String(error) };
};
