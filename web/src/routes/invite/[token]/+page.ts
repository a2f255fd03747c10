import { api, ApiError, type Me } from '#lib/api.ts';
import { teamsApi, type InvitationPreview } from '#lib/teams-api.ts';
import type { PageLoad } from './$types';

export type InvitePageState =
  | { status: 'ok'; token: string; preview: InvitationPreview; me: Me | null }
  | { status: 'not_found'; token: string; me: Me | null }
  | { status: 'error'; token: string; me: Me | null; error: unknown };

/** The invitation and, if anyone is signed in, who: both decide what the page offers. */
export const load: PageLoad = async ({ params, depends }): Promise<InvitePageState> => {
  depends('app:invite');
  const token = params.token;
  const [preview, me] = await Promise.allSettled([teamsApi.preview(token), api.me({ redirectOn401: false })]);
  const signedIn = me.status === 'fulfilled' ? me.value : null;
  if (preview.status === 'fulfilled') return { status: 'ok', token, preview: preview.value, me: signedIn };
  const error: unknown = preview.reason;
  if (error instanceof ApiError && error.status === 404) return { status: 'not_found', token, me: signedIn };
  return { status: 'error', token, me: signedIn, error };
};
