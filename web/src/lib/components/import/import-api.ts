// Typed calls for CSV import jobs and exports (API.md: /w/:ws/imports…, /w/:ws/exports…).
import { api, ApiError } from '../../api.ts';
import { i18n } from '../../i18n/index.svelte.ts';

export type ImportEntity = 'companies' | 'contacts';
export type ImportMode = 'skip' | 'update';
/** Field → 0-based column index, as the API's mapping. */
export type Mapping = Record<string, number>;

export interface ImportPreview {
  entity: ImportEntity;
  encoding: string;
  bom: boolean;
  delimiter: string;
  hasHeader: boolean;
  totalRows: number;
  columns: { index: number; header: string; field: string | null }[];
  mapping: Mapping;
  fields: string[];
  dedupeField: string;
  rows: { row: number; cells: string[]; problems: Record<string, string> | null }[];
}

export interface RowProblem {
  row: number;
  fields: Record<string, string>;
  message: string;
}

export interface ImportJob {
  id: string;
  entity: ImportEntity;
  status: 'pending' | 'running' | 'done' | 'failed' | 'undone';
  totalRows: number;
  processedRows: number;
  percent: number;
  createdCount: number;
  updatedCount: number;
  skippedCount: number;
  problems: RowProblem[];
  problemsTruncated: boolean;
  error: string | null;
}

export interface StartOptions {
  entity: ImportEntity;
  mapping: Mapping;
  /** The field duplicates are found by, or null for none. */
  dedupe: string | null;
  mode: ImportMode;
}

const ws = (slug: string) => `/w/${encodeURIComponent(slug)}`;

function search(params: Record<string, string | null | undefined>): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) out.set(key, value);
  const text = out.toString();
  return text ? `?${text}` : '';
}

/** Largest file the wizard sends (the API's limit for imports). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

async function failure(res: Response): Promise<ApiError> {
  let code = res.status >= 500 ? 'internal' : 'bad_request';
  let message = res.statusText || `HTTP ${res.status}`;
  let fields: Record<string, string> = {};
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; fields?: Record<string, string> } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
    fields = body.error?.fields ?? {};
  } catch {
    // not JSON: keep the status-based defaults
  }
  return new ApiError(res.status, code, message, fields);
}

/** POSTs the file itself as the body (`text/csv`), as the import routes want it. */
async function upload<T>(path: string, file: Blob): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'text/csv', Accept: 'application/json', 'Accept-Language': i18n.locale },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network', 'Network error');
  }
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}

export const importApi = {
  preview: (slug: string, entity: ImportEntity, file: Blob, mapping?: Mapping) =>
    upload<ImportPreview>(`${ws(slug)}/imports/preview${search({ entity, mapping: mapping ? JSON.stringify(mapping) : undefined })}`, file),
  start: (slug: string, file: Blob, options: StartOptions) =>
    upload<ImportJob>(
      `${ws(slug)}/imports${search({
        entity: options.entity,
        mapping: JSON.stringify(options.mapping),
        dedupe: options.dedupe ?? 'none',
        mode: options.mode,
      })}`,
      file,
    ),
  get: (slug: string, id: string, signal?: AbortSignal) =>
    api.get<ImportJob>(`${ws(slug)}/imports/${encodeURIComponent(id)}`, { signal }),
  undo: (slug: string, id: string) => api.post<ImportJob>(`${ws(slug)}/imports/${encodeURIComponent(id)}/undo`),
};

export type ExportEntity = 'companies' | 'contacts' | 'deals';

/** Downloads `GET /w/:ws/exports/:entity.csv?<filter>` as a file, keeping the server's file name. */
export async function downloadExport(
  slug: string,
  entity: ExportEntity,
  params: Record<string, string | undefined>,
  lang: string,
): Promise<string> {
  const url = `/api/v1${ws(slug)}/exports/${entity}.csv${search({ ...params, lang })}`;
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/csv' } });
  } catch {
    throw new ApiError(0, 'network', 'Network error');
  }
  if (!res.ok) throw await failure(res);
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const name = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const filename = name ? decodeURIComponent(name) : `${entity}.csv`;
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return filename;
}
