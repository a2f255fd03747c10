// The route table of the tenant isolation sweep: how to call every `/w/{ws}/…` route the
// OpenAPI document lists, and which kind of record each `{id}` names. Kept explicit on purpose:
// a new route must be added here by hand, so nobody ships a route the sweep never tried.

/** Kinds of record a path id can name; each has a B-owned id seeded by the sweep. */
export type IdKind = 'company' | 'contact' | 'activity' | 'task' | 'deal' | 'stage' | 'import' | 'apiKey' | 'member' | 'invitation' | 'project' | 'timeEntry' | 'expense' | 'projectStatus' | 'milestone';

/** The collection segment in front of `{id}` → the kind of id it takes. */
export const ID_KIND_BY_SEGMENT: Record<string, IdKind> = {
  companies: 'company',
  contacts: 'contact',
  activities: 'activity',
  tasks: 'task',
  deals: 'deal',
  'deal-stages': 'stage',
  imports: 'import',
  'api-keys': 'apiKey',
  members: 'member',
  invitations: 'invitation',
  projects: 'project',
  'project-statuses': 'projectStatus',
  milestones: 'milestone',
  'time-entries': 'timeEntry',
  expenses: 'expense',
};

export type SeededIds = Record<IdKind, string>;

export interface RouteSpec {
  /** JSON body that passes validation, given the ids of the workspace being called. */
  body?: (ids: SeededIds) => unknown;
  /** A raw CSV body (sent as text/csv). */
  csv?: string;
  /** Query string (without `?`) the route needs to pass validation. */
  query?: string;
  /** Path parameters other than ws/id, with the value to send (not tenant ids). */
  params?: Record<string, string>;
  /** Path parameters other than `{id}` that name a record too (e.g. a project's `{milestoneId}`): the seeded id of that kind. */
  idParams?: Record<string, IdKind>;
  /** Why the own-slug read is not swept (it answers from outside the tenant database). */
  skipOwn?: string;
}

const COMPANY_CSV_QUERY = 'entity=companies';

/** Every `/w/{ws}` route the sweep knows how to call, keyed `METHOD path` as OpenAPI spells it. */
export const HANDLED_ROUTES: Record<string, RouteSpec> = {
  'GET /w/{ws}': {},
  'PATCH /w/{ws}': { body: () => ({ name: 'Pwned' }) },
  // Confirmed with B's real name (the sweep's bob workspace), so only the membership lookup stands in the way.
  'DELETE /w/{ws}': { body: () => ({ confirm: 'Zebrafinch Works' }) },
  'GET /w/{ws}/members': {},
  'PATCH /w/{ws}/members/{userId}': { body: () => ({ role: 'admin' }) },
  'DELETE /w/{ws}/members/{userId}': {},
  'POST /w/{ws}/leave': { body: () => ({}) },
  'POST /w/{ws}/transfer-ownership': { body: (ids) => ({ userId: ids.member }) },
  'GET /w/{ws}/invitations': {},
  'POST /w/{ws}/invitations': { body: () => ({ email: 'injected-invitee@example.cz', role: 'member' }) },
  'DELETE /w/{ws}/invitations/{id}': {},
  'POST /w/{ws}/invitations/{id}/resend': {},

  'GET /w/{ws}/api-keys': {},
  'POST /w/{ws}/api-keys': { body: () => ({ name: 'Injected key', role: 'member' }) },
  'DELETE /w/{ws}/api-keys/{id}': {},

  'GET /w/{ws}/billing': {},
  'POST /w/{ws}/billing/plan': { body: () => ({ plan: 'pro' }) },
  'POST /w/{ws}/billing/portal': {},

  'GET /w/{ws}/companies': {},
  'POST /w/{ws}/companies': { body: () => ({ name: 'Injected company' }) },
  'GET /w/{ws}/companies/{id}': {},
  'PATCH /w/{ws}/companies/{id}': { body: () => ({ name: 'Pwned' }) },
  'DELETE /w/{ws}/companies/{id}': {},
  'POST /w/{ws}/companies/{id}/restore': {},
  'GET /w/{ws}/companies/{id}/timeline': {},
  'GET /w/{ws}/companies/{id}/summary': {},
  'GET /w/{ws}/companies/{id}/history': {},

  'GET /w/{ws}/contacts': {},
  'POST /w/{ws}/contacts': { body: () => ({ firstName: 'Injected', lastName: 'Contact' }) },
  'GET /w/{ws}/contacts/{id}': {},
  'PATCH /w/{ws}/contacts/{id}': { body: () => ({ firstName: 'Pwned' }) },
  'DELETE /w/{ws}/contacts/{id}': {},
  'POST /w/{ws}/contacts/{id}/restore': {},
  'GET /w/{ws}/contacts/{id}/history': {},

  'GET /w/{ws}/activities': {},
  'POST /w/{ws}/activities': { body: () => ({ type: 'note', subject: 'Injected' }) },
  'GET /w/{ws}/activities/{id}': {},
  'PATCH /w/{ws}/activities/{id}': { body: () => ({ subject: 'Pwned' }) },
  'DELETE /w/{ws}/activities/{id}': {},
  'POST /w/{ws}/activities/{id}/restore': {},
  'GET /w/{ws}/activities/{id}/history': {},

  'GET /w/{ws}/tasks/mine': {},
  'GET /w/{ws}/tasks': {},
  'POST /w/{ws}/tasks': { body: () => ({ title: 'Injected' }) },
  'GET /w/{ws}/tasks/{id}': {},
  'PATCH /w/{ws}/tasks/{id}': { body: () => ({ title: 'Pwned' }) },
  'DELETE /w/{ws}/tasks/{id}': {},
  'POST /w/{ws}/tasks/{id}/restore': {},
  'GET /w/{ws}/tasks/{id}/history': {},
  'POST /w/{ws}/tasks/{id}/move': { body: () => ({ status: 'doing' }) },
  'GET /w/{ws}/projects/{id}/board': {},
  'GET /w/{ws}/projects/{id}/timeline': {},

  'GET /w/{ws}/deals/board': {},
  'GET /w/{ws}/deals': {},
  'POST /w/{ws}/deals': { body: () => ({ title: 'Injected' }) },
  'GET /w/{ws}/deals/{id}': {},
  'PATCH /w/{ws}/deals/{id}': { body: () => ({ title: 'Pwned' }) },
  'DELETE /w/{ws}/deals/{id}': {},
  'POST /w/{ws}/deals/{id}/move': { body: () => ({ stage: 'won' }) },
  'POST /w/{ws}/deals/{id}/restore': {},
  'GET /w/{ws}/deals/{id}/history': {},

  'GET /w/{ws}/deal-stages': {},
  'POST /w/{ws}/deal-stages': { body: () => ({ name: 'Injected stage' }) },
  'PUT /w/{ws}/deal-stages/order': { body: (ids) => ({ ids: [ids.stage, 'won', 'lost'] }) },
  'PATCH /w/{ws}/deal-stages/{id}': { body: () => ({ name: 'Pwned' }) },
  'DELETE /w/{ws}/deal-stages/{id}': {},

  'GET /w/{ws}/tags': { query: 'entity=company' },
  'GET /w/{ws}/search': { query: 'q=Zebrafinch' },

  'POST /w/{ws}/imports/preview': { csv: 'Name\nInjected import\n', query: COMPANY_CSV_QUERY },
  'POST /w/{ws}/imports': { csv: 'Name\nInjected import\n', query: COMPANY_CSV_QUERY },
  'GET /w/{ws}/imports': {},
  'GET /w/{ws}/imports/{id}': {},
  'POST /w/{ws}/imports/{id}/undo': {},

  'GET /w/{ws}/exports/companies.csv': {},
  'GET /w/{ws}/exports/contacts.csv': {},
  'GET /w/{ws}/exports/deals.csv': {},

  'GET /w/{ws}/time-entries': {},
  'POST /w/{ws}/time-entries': { body: (ids) => ({ projectId: ids.project, date: '2026-11-23', minutes: 5 }) },
  'GET /w/{ws}/time-entries/{id}': {},
  'PATCH /w/{ws}/time-entries/{id}': { body: () => ({ minutes: 7 }) },
  'DELETE /w/{ws}/time-entries/{id}': {},
  'POST /w/{ws}/time-entries/{id}/restore': {},
  'GET /w/{ws}/timesheet': {},
  'PUT /w/{ws}/timesheet/cells': { body: (ids) => ({ projectId: ids.project, date: '2026-11-24', minutes: 30 }) },
  'GET /w/{ws}/timer': {},
  'POST /w/{ws}/timer/start': { body: (ids) => ({ projectId: ids.project }) },
  'POST /w/{ws}/timer/stop': { body: () => ({}) },
  'DELETE /w/{ws}/timer': {},
  'GET /w/{ws}/expenses': {},
  'POST /w/{ws}/expenses': { body: (ids) => ({ projectId: ids.project, date: '2026-11-23', amount: { amount: 100, currency: 'CZK' } }) },
  'GET /w/{ws}/expenses/{id}': {},
  'PATCH /w/{ws}/expenses/{id}': { body: () => ({ note: 'Pwned' }) },
  'DELETE /w/{ws}/expenses/{id}': {},
  'POST /w/{ws}/expenses/{id}/restore': {},
  'GET /w/{ws}/projects': {},
  'POST /w/{ws}/projects': { body: () => ({ name: 'Injected project' }) },
  'GET /w/{ws}/projects/{id}': {},
  'PATCH /w/{ws}/projects/{id}': { body: () => ({ name: 'Pwned' }) },
  'DELETE /w/{ws}/projects/{id}': {},
  'POST /w/{ws}/projects/{id}/restore': {},
  'GET /w/{ws}/projects/{id}/history': {},
  'GET /w/{ws}/projects/{id}/milestones': {},
  'POST /w/{ws}/projects/{id}/milestones': { body: () => ({ name: 'Injected milestone' }) },
  'PATCH /w/{ws}/projects/{id}/milestones/{milestoneId}': { body: () => ({ done: true }), idParams: { milestoneId: 'milestone' } },
  'DELETE /w/{ws}/projects/{id}/milestones/{milestoneId}': { idParams: { milestoneId: 'milestone' } },
  'POST /w/{ws}/projects/{id}/milestones/{milestoneId}/restore': { idParams: { milestoneId: 'milestone' } },
  'GET /w/{ws}/project-statuses': {},
  'POST /w/{ws}/project-statuses': { body: () => ({ name: 'Injected status' }) },
  'PUT /w/{ws}/project-statuses/order': { body: (ids) => ({ ids: [ids.projectStatus, 'preparation', 'in_progress', 'review', 'done', 'on_hold', 'cancelled'] }) },
  'PATCH /w/{ws}/project-statuses/{id}': { body: () => ({ name: 'Pwned' }) },
  'DELETE /w/{ws}/project-statuses/{id}': {},
  'GET /w/{ws}/projects/{id}/report': {},
  'GET /w/{ws}/exports/projects/{id}/time.csv': {},
  'GET /w/{ws}/exports/projects/{id}/expenses.csv': {},

  // A registry number, not a tenant id: only the foreign-slug case applies.
  'GET /w/{ws}/ares/{ico}': { params: { ico: '27074358' }, skipOwn: 'asks the public registry, holds no tenant data' },
};

export interface BuiltRequest {
  method: string;
  /** Path after `/api/v1`, query included. */
  path: string;
  spec: RouteSpec;
  /** The kind of `{id}` in the path, when it has one. */
  idKind: IdKind | null;
}

/**
 * Fills a route template for `slug`, putting `ids[kind]` into `{id}`. Throws (naming the
 * route) when the path has a parameter the sweep has no value for.
 */
export function buildRequest(key: string, slug: string, ids: SeededIds): BuiltRequest {
  const spec = HANDLED_ROUTES[key];
  if (!spec) throw new Error(`isolation sweep: no entry for ${key} in HANDLED_ROUTES`);
  const [method, template] = key.split(' ') as [string, string];
  const segments = template.split('/');
  let idKind: IdKind | null = null;
  const filled = segments.map((seg, i) => {
    const m = /^\{(.+)\}$/.exec(seg);
    if (!m) return seg;
    const name = m[1]!;
    if (name === 'ws') return slug;
    // A member's `{userId}` is their id in the members collection.
    if (name === 'id' || name === 'userId') {
      const kind = ID_KIND_BY_SEGMENT[segments[i - 1] ?? ''];
      if (!kind) throw new Error(`isolation sweep: ${key} has {id} after "${segments[i - 1]}", which has no id kind in ID_KIND_BY_SEGMENT`);
      idKind = kind;
      return ids[kind];
    }
    const kindParam = spec.idParams?.[name];
    if (kindParam) return ids[kindParam];
    const value = spec.params?.[name];
    if (value === undefined) throw new Error(`isolation sweep: ${key} has path parameter {${name}} with no value in HANDLED_ROUTES`);
    return encodeURIComponent(value);
  });
  const path = filled.join('/') + (spec.query ? `?${spec.query}` : '');
  return { method, path, spec, idKind };
}
