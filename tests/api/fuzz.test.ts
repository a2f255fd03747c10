// Fuzzing every JSON write route the OpenAPI document lists (POST/PATCH/PUT), with bodies
// generated from its own request schema: hostile field values, missing and unknown fields,
// wrong body kinds and non-JSON text. Every answer must be a 4xx in the error shape (or a
// proper 2xx record when the input happens to be valid), never a 5xx, never a stack trace or
// SQL text, and a rejected request must not change the row count of any table.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorStatus } from '../../api/errors.ts';
import { fuzzInput, type FuzzInput, type IdPicker, type OpenApiDoc, type Schema } from './fuzz-support.ts';
import { ok, tenantClient, wsCall } from './records-support.ts';
import { call, createHarness, json, signUp, type Harness, type SignedUp } from './support.ts';

const TENANT_TABLES = ['companies', 'contacts', 'activities', 'tasks', 'deals', 'deal_stages', 'record_tags', 'record_history'];
const CONTROL_TABLES = ['users', 'workspaces', 'memberships', 'sessions'];
/** Runs per route; the auth routes hash a password on well-formed input, so they get fewer. */
const RUNS = 750;
const AUTH_RUNS = 150;
/** Restores take no body; junk bodies must not change what they do. */
const RESTORE_RUNS = 100;

interface WriteRoute {
  method: string;
  template: string;
  schema: Schema;
}

let h: Harness;
let me: SignedUp;
let doc: OpenApiDoc;
let routes: WriteRoute[];
let ids: Record<'company' | 'contact' | 'activity' | 'task' | 'deal' | 'stage', string>;

async function counts(): Promise<string> {
  const tenant = await tenantClient(h, me);
  const t = await tenant.execute(`SELECT ${TENANT_TABLES.map((x) => `(SELECT count(*) FROM ${x}) AS ${x}`).join(', ')}`);
  const c = await h.platform.control().execute(`SELECT ${CONTROL_TABLES.map((x) => `(SELECT count(*) FROM ${x}) AS ${x}`).join(', ')}`);
  return JSON.stringify({ ...t.rows[0], ...c.rows[0] });
}

const pickIds: IdPicker = (field) => {
  const ref = (id: string) => fc.constant(id);
  switch (field) {
    case 'companyId':
      return fc.oneof(ref(ids.company), fc.constant(null));
    case 'contactId':
      return fc.oneof(ref(ids.contact), fc.constant(null));
    case 'dealId':
      return fc.oneof(ref(ids.deal), fc.constant(null));
    case 'afterId':
    case 'beforeId':
      return ref(ids.deal);
    case 'projectId':
      return fc.constant(null);
    case 'ownerId':
    case 'assigneeId':
      return fc.oneof(ref(me.user.id), fc.constant(null));
    case 'stage':
      return fc.constantFrom(ids.stage, 'lead', 'won', 'lost');
    case 'email':
      return fc.nat().map((n) => `fuzz${n}@example.cz`);
    default:
      return undefined;
  }
};

function fill(template: string): string {
  const kind: Record<string, string> = { companies: ids.company, contacts: ids.contact, activities: ids.activity, tasks: ids.task, deals: ids.deal, 'deal-stages': ids.stage };
  const segs = template.split('/');
  return segs.map((seg, i) => (seg === '{ws}' ? me.workspace.slug : seg === '{id}' ? kind[segs[i - 1] ?? '']! : seg)).join('/');
}

function send(route: WriteRoute, path: string, input: FuzzInput): Promise<Response> {
  const cookie = route.template.startsWith('/auth/') ? undefined : me.cookie;
  return input.kind === 'raw' ? call(h.app, route.method, path, undefined, { cookie, rawBody: input.text }) : call(h.app, route.method, path, input.value, { cookie });
}

/** Marks of an internal detail escaping (only counted when the input did not carry them itself). */
const LEAKS: [string, RegExp][] = [
  ['stack trace', /\bat .*\.ts:\d/],
  ['SQLite error', /SQLITE/],
  ['SQL text', /INSERT INTO|SELECT /],
];

/** What is wrong with one answer, or null. */
async function verdict(route: WriteRoute, path: string, sent: string, res: Response): Promise<string | null> {
  const text = await res.text();
  if (res.status >= 500) return `${res.status} ${text.slice(0, 300)}`;
  for (const [what, re] of LEAKS) if (re.test(text) && !re.test(sent)) return `${what} in body: ${text.slice(0, 300)}`;
  if (res.status === 204) return null;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${res.status} answer is not JSON: ${text.slice(0, 200)}`;
  }
  const obj = body as Record<string, unknown>;
  if (res.status >= 400) {
    const err = obj['error'] as Record<string, unknown> | undefined;
    if (!err || typeof err['code'] !== 'string' || typeof err['message'] !== 'string' || !err['message']) return `bad error shape: ${text.slice(0, 200)}`;
    if (typeof err['requestId'] !== 'string') return `error without requestId: ${text.slice(0, 200)}`;
    const expected = (errorStatus as Record<string, number>)[err['code']];
    if (expected !== res.status) return `code ${err['code']} with status ${res.status}`;
    const fields = err['fields'];
    if (fields !== undefined && (typeof fields !== 'object' || fields === null || Object.values(fields).some((v) => typeof v !== 'string'))) return `bad fields: ${text.slice(0, 200)}`;
    return null;
  }
  // A 2xx: the input was valid, so the answer must be the record (never an error).
  if (!obj || typeof obj !== 'object' || 'error' in obj) return `2xx without a record: ${text.slice(0, 200)}`;
  if (route.template.startsWith('/auth/')) return typeof (obj['user'] as { id?: unknown } | undefined)?.id === 'string' ? null : `auth 2xx without user: ${text.slice(0, 200)}`;
  if (route.template.endsWith('/order')) return null;
  const id = obj['id'];
  if (typeof id !== 'string') return `2xx record without id: ${text.slice(0, 200)}`;
  const pathId = route.template.includes('{id}') ? path.split('/')[route.template.split('/').indexOf('{id}')] : route.template === '/w/{ws}' ? me.workspace.id : undefined;
  if (pathId !== undefined && id !== pathId) return `2xx for ${pathId} answered record ${id}`;
  return null;
}

beforeAll(async () => {
  h = createHarness({ rateLimits: false });
  me = await signUp(h.app, { workspaceName: 'Fuzz Works' });
  const create = async (path: string, body: unknown) => (await ok<{ id: string }>(wsCall(h, me, 'POST', path, body), 201)).id;
  const company = await create('/companies', { name: 'Fuzz Company', tags: ['seed'] });
  const contact = await create('/contacts', { firstName: 'Fuzz', lastName: 'Contact', companyId: company });
  const activity = await create('/activities', { type: 'call', subject: 'Fuzz call', companyId: company });
  const task = await create('/tasks', { title: 'Fuzz task', companyId: company });
  const stage = await create('/deal-stages', { name: 'Fuzz stage' });
  const deal = await create('/deals', { title: 'Fuzz deal', companyId: company, stage });
  ids = { company, contact, activity, task, deal, stage };

  doc = await json<OpenApiDoc>(await call(h.app, 'GET', '/openapi.json'));
  routes = Object.entries(doc.paths).flatMap(([template, ops]) =>
    Object.entries(ops)
      .filter(([m]) => ['post', 'patch', 'put'].includes(m))
      .flatMap(([m, op]) => {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (schema) return [{ method: m.toUpperCase(), template, schema }];
        // Body-less restores get junk bodies too (logout would end the session, imports take CSV).
        return template.endsWith('/{id}/restore') && !template.includes('/imports/') ? [{ method: m.toUpperCase(), template, schema: { type: 'object', properties: {} } }] : [];
      }),
  );
}, 60_000);
afterAll(() => h.close());

describe('write routes under fuzzed bodies', () => {
  it('finds the JSON write routes in the OpenAPI document', () => {
    const keys = routes.map((r) => `${r.method} ${r.template}`);
    expect(keys).toContain('POST /auth/signup');
    expect(keys).toContain('POST /auth/login');
    expect(keys).toContain('PATCH /w/{ws}/companies/{id}');
    expect(keys).toContain('PUT /w/{ws}/deal-stages/order');
    expect(keys).toContain('POST /w/{ws}/deals/{id}/restore');
    expect(routes.length).toBeGreaterThanOrEqual(20);
  });

  it('answers 4xx in the error shape or a proper 2xx, never 5xx or leaks, and rejected requests write nothing', async () => {
    const started = performance.now();
    const perRoute: Record<string, { sent: number; ok: number; rejected: number }> = {};
    let last = await counts();
    for (const route of routes) {
      const key = `${route.method} ${route.template}`;
      const tally = (perRoute[key] = { sent: 0, ok: 0, rejected: 0 });
      const path = fill(route.template);
      const runs = route.template.startsWith('/auth/') ? AUTH_RUNS : route.template.endsWith('/restore') ? RESTORE_RUNS : RUNS;
      await fc.assert(
        fc.asyncProperty(fuzzInput(route.schema, doc, pickIds), async (input) => {
          const sent = input.kind === 'raw' ? input.text : (JSON.stringify(input.value) ?? '');
          const res = await send(route, path, input);
          tally.sent += 1;
          const problem = await verdict(route, path, sent, res);
          const now = await counts();
          const before = last;
          last = now;
          if (problem) throw new Error(`${key}: ${problem}`);
          if (res.status >= 400) {
            tally.rejected += 1;
            if (now !== before) throw new Error(`${key}: rejected with ${res.status} but row counts moved ${before} → ${now}`);
          } else tally.ok += 1;
        }),
        { numRuns: runs },
      );
    }
    const total = Object.values(perRoute).reduce((n, r) => n + r.sent, 0);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      Object.entries(perRoute)
        .map(([k, r]) => `${k}: ${r.sent} (2xx ${r.ok}, 4xx ${r.rejected})`)
        .join('\n'),
    );
    console.log(`write-route fuzz: ${total} requests over ${routes.length} routes in ${seconds.toFixed(1)} s`);
    expect(total).toBeGreaterThanOrEqual(10_000);
    // The valid arm of the generator really reaches the record code on the create routes.
    for (const key of ['POST /w/{ws}/companies', 'POST /w/{ws}/contacts', 'POST /w/{ws}/tasks', 'POST /w/{ws}/deals']) expect(perRoute[key]?.ok, key).toBeGreaterThan(0);
  }, 180_000);
});
