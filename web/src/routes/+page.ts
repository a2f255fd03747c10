import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { api, ApiError } from '#lib/api.ts';

/** `/` sends a signed-in user to their first workspace, everyone else to the login page. */
export async function load() {
  let me;
  try {
    me = await api.me({ redirectOn401: false });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) redirect(307, resolve('/login'));
    throw error;
  }
  const first = me.workspaces[0];
  if (first) redirect(307, resolve('/w/[ws]', { ws: first.slug }));
  redirect(307, resolve('/signup'));
}
