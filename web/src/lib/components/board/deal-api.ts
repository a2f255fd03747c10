// Typed calls for deals and deal stages (API.md: /w/:ws/deals, /w/:ws/deal-stages).
import { api, request } from '../../api.ts';
import { sumByCurrency, type Money } from './money.ts';

export type StageKind = 'open' | 'won' | 'lost';

export interface Stage {
  id: string;
  name: string;
  position: number;
  kind: StageKind;
  probability: number | null;
}

export interface Deal {
  id: string;
  title: string;
  companyId: string | null;
  contactId: string | null;
  /** The company's name, when the API sends it with the deal (or the page learnt it). */
  company?: { id: string; name: string } | null;
  companyName?: string | null;
  value: Money | null;
  stage: string;
  position?: string;
  probability: number | null;
  expectedCloseOn: string | null;
  ownerId: string | null;
  tags: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface BoardColumn {
  stage: Stage;
  deals: Deal[];
  /** All deals of the stage that match the filter, also those not sent. */
  count: number;
  totals: Money[];
}

export interface DealFilter {
  q?: string;
  ownerId?: string;
  tag?: string;
}

export interface DealInput {
  title: string;
  companyId: string | null;
  value: Money | null;
  stage: string;
  probability: number | null;
  expectedCloseOn: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const ws = (slug: string) => `/w/${encodeURIComponent(slug)}`;

/** Query string of the non-empty entries, for list, board and export URLs. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

interface RawBoard {
  stages?: unknown;
  columns?: unknown;
}

interface RawColumn extends Partial<Stage> {
  stage?: Stage;
  deals?: Deal[];
  items?: Deal[];
  count?: number;
  total?: number;
  totals?: Money[];
  sums?: Money[];
}

/** Accepts the board as `{stages:[{…stage, deals, count, totals}]}` or `{columns:[{stage, deals…}]}`. */
function normalizeBoard(raw: RawBoard): BoardColumn[] {
  const list = (Array.isArray(raw.columns) ? raw.columns : Array.isArray(raw.stages) ? raw.stages : []) as RawColumn[];
  return list.map((column) => {
    const stage: Stage = column.stage ?? {
      id: column.id ?? '',
      name: column.name ?? '',
      position: column.position ?? 0,
      kind: column.kind ?? 'open',
      probability: column.probability ?? null,
    };
    const deals = column.deals ?? column.items ?? [];
    return {
      stage,
      deals,
      count: column.count ?? column.total ?? deals.length,
      totals: column.totals ?? column.sums ?? sumByCurrency(deals.map((d) => d.value)),
    };
  });
}

export const dealApi = {
  board: async (slug: string, filter: DealFilter, signal?: AbortSignal): Promise<BoardColumn[]> =>
    normalizeBoard(await api.get<RawBoard>(`${ws(slug)}/deals/board${query({ q: filter.q, ownerId: filter.ownerId, tag: filter.tag })}`, { signal })),
  list: (slug: string, params: DealFilter & { sort?: string; cursor?: string; limit?: number }, signal?: AbortSignal) =>
    api.get<Page<Deal>>(`${ws(slug)}/deals${query({ ...params })}`, { signal }),
  get: (slug: string, id: string) => api.get<Deal>(`${ws(slug)}/deals/${encodeURIComponent(id)}`),
  create: (slug: string, input: DealInput) => api.post<Deal>(`${ws(slug)}/deals`, input),
  update: (slug: string, id: string, patch: Partial<DealInput>, version?: number) =>
    api.patch<Deal>(`${ws(slug)}/deals/${encodeURIComponent(id)}`, patch, {
      headers: version === undefined ? {} : { 'If-Match': `"${version}"` },
    }),
  remove: (slug: string, id: string) => api.delete(`${ws(slug)}/deals/${encodeURIComponent(id)}`),
  restore: (slug: string, id: string) => api.post<Deal>(`${ws(slug)}/deals/${encodeURIComponent(id)}/restore`),
  move: (slug: string, id: string, body: { stage: string; beforeId?: string; afterId?: string }) =>
    api.post<Deal>(`${ws(slug)}/deals/${encodeURIComponent(id)}/move`, body),

  stages: async (slug: string) => {
    const raw = await api.get<Stage[] | { items: Stage[] }>(`${ws(slug)}/deal-stages`);
    const items = Array.isArray(raw) ? raw : raw.items;
    return [...items].sort((a, b) => a.position - b.position);
  },
  createStage: (slug: string, input: { name: string; kind: StageKind }) => api.post<Stage>(`${ws(slug)}/deal-stages`, input),
  updateStage: (slug: string, id: string, patch: Partial<Pick<Stage, 'name' | 'kind' | 'position' | 'probability'>>) =>
    api.patch<Stage>(`${ws(slug)}/deal-stages/${encodeURIComponent(id)}`, patch),
  reorderStages: async (slug: string, ids: string[]) => {
    const raw = await request<Stage[] | { items: Stage[] }>('PUT', `${ws(slug)}/deal-stages/order`, { ids });
    return [...(Array.isArray(raw) ? raw : raw.items)].sort((a, b) => a.position - b.position);
  },
  deleteStage: (slug: string, id: string) => api.delete(`${ws(slug)}/deal-stages/${encodeURIComponent(id)}`),
};

export interface CompanyOption {
  id: string;
  name: string;
  regNo?: string | null;
  address?: { city: string | null } | null;
}

/** Companies for the deal form's picker (full-text `q`, first page only). */
export function searchCompanies(slug: string, q: string, signal?: AbortSignal): Promise<Page<CompanyOption>> {
  return api.get<Page<CompanyOption>>(`${ws(slug)}/companies${query({ q: q.trim() || undefined, limit: 20 })}`, { signal });
}
