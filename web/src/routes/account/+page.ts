import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { api, ApiError } from '#lib/api.ts';
import type { PageLoad } from './$types';

/** The account page lives outside any workspace: it needs only the signed-in user. */
export const load: PageLoad = async ({ depends, url }) => {
  depends('app:me');
  try {
    const me = await api.me({ redirectOn401: false });
    // Back to the workspace the user came from, when it is one of theirs.
    const from = url.searchParams.get('from');
    const back = me.workspaces.find((w) => w.slug === from) ?? me.workspaces[0] ?? null;
    return { me, back };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) redirect(307, resolve('/login'));
    throw error;
  }
};
