// Typed calls for the members tab and the invitation page (API.md: /w/:ws/members, /w/:ws/invitations,
// /invitations/:token).
import { api, request, type Plan, type Role, type User } from './api.ts';

export interface Money {
  amount: number;
  currency: string;
}

export interface TeamMember {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
  /** Present for owners and admins only. */
  costRate?: Money | null;
  billRate?: Money | null;
}

export type InviteRole = 'admin' | 'member';
export type InvitationStatus = 'pending' | 'expired' | 'accepted' | 'revoked';

export interface Invitation {
  id: string;
  email: string;
  role: InviteRole;
  status: InvitationStatus;
  invitedBy: { userId: string; name: string } | null;
  createdAt: string;
  expiresAt: string;
}

export interface InvitationPreview {
  email: string;
  role: InviteRole;
  workspace: { name: string };
  invitedBy: { name: string } | null;
  accountExists: boolean;
  expiresAt: string;
}

export interface Accepted {
  user: User;
  workspace: { id: string; slug: string; name: string; plan: Plan; role: Role };
}

export interface MemberPatch {
  role?: InviteRole;
  costRate?: Money | null;
  billRate?: Money | null;
}

const ws = (slug: string) => `/w/${encodeURIComponent(slug)}`;
const id = (value: string) => encodeURIComponent(value);

export const teamsApi = {
  members: (slug: string) => api.get<{ items: TeamMember[] }>(`${ws(slug)}/members`).then((r) => r.items),
  updateMember: (slug: string, userId: string, patch: MemberPatch) => api.patch<TeamMember>(`${ws(slug)}/members/${id(userId)}`, patch),
  removeMember: (slug: string, userId: string, reassignTo?: string) =>
    api.delete(`${ws(slug)}/members/${id(userId)}${reassignTo ? `?reassignTo=${id(reassignTo)}` : ''}`),
  leave: (slug: string, reassignTo?: string) => api.post<void>(`${ws(slug)}/leave`, reassignTo ? { reassignTo } : {}),
  transferOwnership: (slug: string, userId: string) => api.post<void>(`${ws(slug)}/transfer-ownership`, { userId }),

  invitations: (slug: string) => api.get<{ items: Invitation[] }>(`${ws(slug)}/invitations`).then((r) => r.items),
  invite: (slug: string, input: { email: string; role: InviteRole }) => api.post<Invitation>(`${ws(slug)}/invitations`, input),
  revokeInvitation: (slug: string, invitationId: string) => api.delete(`${ws(slug)}/invitations/${id(invitationId)}`),
  resendInvitation: (slug: string, invitationId: string) => api.post<Invitation>(`${ws(slug)}/invitations/${id(invitationId)}/resend`),

  // The invitation page works signed out: a 401 must not bounce the visitor to the login page.
  preview: (token: string) => request<InvitationPreview>('GET', `/invitations/${id(token)}`, undefined, { redirectOn401: false }),
  accept: (token: string, body: { name?: string; password?: string; locale?: 'cs' | 'en' } = {}) =>
    request<Accepted>('POST', `/invitations/${id(token)}/accept`, body, { redirectOn401: false }),
};
