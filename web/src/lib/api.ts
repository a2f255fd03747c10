import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { i18n } from './i18n/index.svelte.ts';

/** Error codes from API.md, plus `network` for a request that never got an answer. */
export type ApiErrorCode =
  | 'validation_failed'
  | 'bad_request'
  | 'unauthenticated'
  | 'plan_required'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'internal'
  | 'network'
  | (string & {});

/** A failed API call, carrying the server's `{error:{code,message,fields}}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  /** Field name → human sentence, for showing next to the input. */
  readonly fields: Readonly<Record<string, string>>;
  /** Seconds from `Retry-After`, when the server sent one. */
  readonly retryAfter: number | undefined;

  constructor(status: number, code: ApiErrorCode, message: string, fields: Record<string, string> = {}, retryAfter?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfter = retryAfter;
  }

  get hasFields(): boolean {
    return Object.keys(this.fields).length > 0;
  }
}

export type Role = 'owner' | 'admin' | 'member';
export type Plan = 'free' | 'pro';

export interface User {
  id: string;
  name: string;
  email: string;
  locale?: string | null;
  emailVerified?: boolean;
  createdAt?: string;
}

export interface WorkspaceSummary {
  id: string;
  slug: string;
  name: string;
  plan: Plan;
  role: Role;
}

export interface Me {
  user: User;
  workspaces: WorkspaceSummary[];
}

export interface Workspace {
  id: string;
  slug: string;
  name: string;
  plan: Plan;
  role?: Role;
  country?: string;
  currency?: string;
  limits?: Record<string, number | null>;
  usage?: Record<string, number>;
  createdAt?: string;
  updatedAt?: string;
}

export interface SignupInput {
  name: string;
  email: string;
  password: string;
  workspaceName: string;
  locale?: 'cs' | 'en';
}

export interface SignupResult {
  user: User;
  workspace: Workspace;
}

export interface RequestOptions {
  /** Send the browser to /login on a 401 (default: true, except for /auth/* calls). */
  redirectOn401?: boolean;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

const BASE = '/api/v1';

function normalizeFields(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v) => typeof v === 'string').join(' ');
  }
  return out;
}

async function toApiError(res: Response): Promise<ApiError> {
  let code: ApiErrorCode = res.status >= 500 ? 'internal' : 'bad_request';
  let message = res.statusText || `HTTP ${res.status}`;
  let fields: Record<string, string> = {};
  try {
    const body: unknown = await res.json();
    const err = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
    if (err) {
      if (typeof err.code === 'string') code = err.code;
      if (typeof err.message === 'string') message = err.message;
      fields = normalizeFields(err.fields);
    }
  } catch {
    // not JSON (a proxy error page, say): keep the status-based defaults
  }
  const retry = Number(res.headers.get('Retry-After'));
  return new ApiError(res.status, code, message, fields, Number.isFinite(retry) && retry > 0 ? retry : undefined);
}

/** Calls `/api/v1{path}`; resolves with the parsed JSON (or undefined for 204), rejects with `ApiError`. */
export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': i18n.locale,
    ...options.headers,
  };
  // The server's CSRF check wants JSON on every state-changing cookie request, body or not.
  if (method !== 'GET' && method !== 'HEAD') headers['Content-Type'] = 'application/json';

  let res: Response;
  try {
    res = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? (method === 'GET' || method === 'HEAD' ? undefined : '{}') : JSON.stringify(body),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', 'Network error');
  }

  if (!res.ok) {
    const error = await toApiError(res);
    const redirect = options.redirectOn401 ?? !path.startsWith('/auth/');
    if (res.status === 401 && redirect) {
      await goto(resolve('/login'), { replaceState: true });
    }
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Typed calls to the Tandem API v1. */
export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),

  me: (options?: RequestOptions) => request<Me>('GET', '/me', undefined, options),
  signup: (input: SignupInput) => request<SignupResult>('POST', '/auth/signup', input),
  login: (input: { email: string; password: string }) => request<{ user: User }>('POST', '/auth/login', input),
  logout: () => request<void>('POST', '/auth/logout'),
  workspace: (slug: string, options?: RequestOptions) =>
    request<Workspace>('GET', `/w/${encodeURIComponent(slug)}`, undefined, options),
  renameWorkspace: (slug: string, name: string) =>
    request<Workspace>('PATCH', `/w/${encodeURIComponent(slug)}`, { name }),
};
