// Deleting a deal stage or project status whose records move elsewhere first (API.md:
// DELETE /w/:ws/deal-stages/:id?moveTo=…, DELETE /w/:ws/project-statuses/:id?moveTo=…).
import { ApiError, request } from './api.ts';

const path = (ws: string, kind: 'deal-stages' | 'project-statuses', id: string, moveTo: string) =>
  `/w/${encodeURIComponent(ws)}/${kind}/${encodeURIComponent(id)}?moveTo=${encodeURIComponent(moveTo)}`;

/** Where the records of a doomed stage/status can go. */
export interface MoveTarget {
  id: string;
  name: string;
}

export const moveDeleteApi = {
  deleteStage: (ws: string, id: string, moveTo: string) => request<void>('DELETE', path(ws, 'deal-stages', id, moveTo)),
  deleteStatus: (ws: string, id: string, moveTo: string) => request<void>('DELETE', path(ws, 'project-statuses', id, moveTo)),
};

/**
 * The refusal to delete a stage/status that still holds records (409 naming `moveTo`), with how
 * many it holds when the message says; null for any other error (e.g. the last open stage).
 */
export function inUse(error: unknown): { count: number | null } | null {
  if (!(error instanceof ApiError) || error.code !== 'conflict' || !error.fields['moveTo']) return null;
  const n = /\b(\d+)\b/.exec(error.message);
  return { count: n ? Number(n[1]) : null };
}
