import { request, type User } from './api.ts';

/** One signed-in device, as GET /me/sessions lists it (never its secret). */
export interface AccountSession {
  id: string;
  createdAt: string;
  lastVerifiedAt: string;
  /** The session making this request: "this device". */
  current: boolean;
}

const ws = (slug: string) => `/w/${encodeURIComponent(slug)}`;

/** The account's own settings and email links; workspace deletion (owner only). */
export const accountApi = {
  updateProfile: (patch: { name?: string; locale?: 'cs' | 'en' | null }) => request<User>('PATCH', '/me', patch),
  /** Sends a link to the new address; the login changes when it is opened. */
  changeEmail: (email: string, password: string) => request<void>('POST', '/me/email', { email, password }),
  changePassword: (currentPassword: string, newPassword: string) => request<void>('POST', '/me/password', { currentPassword, newPassword }),
  resendVerification: () => request<void>('POST', '/me/verification-email'),
  /** Works signed in or not; a bad link is a 400 whose `token` field says why. */
  verifyEmail: (token: string) => request<{ user: User }>('POST', '/auth/verify-email', { token }, { redirectOn401: false }),
  sessions: () => request<{ items: AccountSession[] }>('GET', '/me/sessions').then((r) => r.items),
  revokeSession: (id: string) => request<void>('DELETE', `/me/sessions/${encodeURIComponent(id)}`),
  deleteWorkspace: (slug: string, confirm: string) => request<void>('DELETE', ws(slug), { confirm }),
};
