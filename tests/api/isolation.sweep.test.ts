// Tenant isolation, swept from the OpenAPI document: every `/w/{ws}/…` route, called by alice
// (a) under bob's slug and (b) under her own slug with bob's record ids, must answer 404 and
// leave bob's workspace untouched; alice's lists must never show bob's ids or names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, tenantRows } from './crm-support.ts';
import { addMember, importAndWait } from './imports-support.ts';
import { buildRequest, HANDLED_ROUTES, type SeededIds } from './isolation-support.ts';
import { ok, wsCall } from './records-support.ts';
import { call, createHarness, json, setPlan, signUp, type Harness, type SignedUp } from './support.ts';
import { verify } from './teams-support.ts';
import { insertProject } from './time-support.ts';

/** A token only bob's data carries, so any appearance in alice's answers is a leak. */
const MARK = 'Zebrafinch';

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;
let aIds: SeededIds;
let bIds: SeededIds;
/** Everything that must never reach alice: bob's ids and unique names. */
let bSecrets: string[];
let openApiRoutes: string[];

async function seed(who: SignedUp, label: string): Promise<SeededIds> {
  const id = async (method: string, path: string, body: unknown): Promise<string> => (await ok<{ id: string }>(wsCall(h, who, method, path, body), 201)).id;
  const tags = [`${label}-tag`];
  const company = await id('POST', '/companies', { name: `${label} Company`, tags });
  const contact = await id('POST', '/contacts', { firstName: label, lastName: `${label}ová`, companyId: company, tags });
  const activity = await id('POST', '/activities', { type: 'call', subject: `${label} call`, companyId: company });
  const task = await id('POST', '/tasks', { title: `${label} task`, companyId: company });
  const stage = await id('POST', '/deal-stages', { name: `${label} stage` });
  const deal = await id('POST', '/deals', { title: `${label} deal`, companyId: company, stage, tags });
  const job = await importAndWait(h, who, `Name\n${label} Imported\n`, { entity: 'companies' });
  expect(job.status).toBe('done');
  const apiKey = await id('POST', '/api-keys', { name: `${label} key`, role: 'member' });
  // Invite before the teammate joins: with them the free workspace has no seat left to invite into.
  await verify(h, who);
  const invitation = await id('POST', '/invitations', { email: `${label.toLowerCase()}-invitee@example.cz`, role: 'member' });
  const teammate = await signUp(h.app, { name: `${label} Teammate`, email: `${label.toLowerCase()}-teammate@example.cz`, workspaceName: `${label} Teammate own` });
  await addMember(h, who, teammate, 'member');
  // Project management is Pro: both workspaces are, so every project route is reachable.
  await setPlan(h, who.workspace.id, 'pro');
  const project = await insertProject(h, who, { name: `${label} project` });
  const timeEntry = await id('POST', '/time-entries', { projectId: project, date: '2026-11-23', minutes: 30, note: `${label} time` });
  const expense = await id('POST', '/expenses', { projectId: project, date: '2026-11-23', amount: { amount: 1000, currency: 'CZK' }, note: `${label} expense` });
  await ok(wsCall(h, who, 'POST', '/timer/start', { projectId: project, note: `${label} timer` }), 201);
  const projectStatus = await id('POST', '/project-statuses', { name: `${label} status`, kind: 'active' });
  const milestone = await id('POST', `/projects/${project}/milestones`, { name: `${label} milestone`, dueOn: '2026-12-24' });
  return { company, contact, activity, task, deal, stage, import: job.id, apiKey, member: teammate.user.id, invitation, project, timeEntry, expense, projectStatus, milestone };
}

/** Bob's tenant tables as JSON, to prove the sweep changed nothing there. */
async function bobState(): Promise<Record<string, string>> {
  const ws = bob.workspace.id;
  const state: Record<string, string> = {};
  for (const table of ['companies', 'contacts', 'activities', 'tasks', 'deals', 'deal_stages', 'record_tags', 'import_jobs', 'projects', 'time_entries', 'timers', 'expenses', 'project_statuses', 'project_members', 'milestones']) {
    state[table] = await snapshot(h, ws, table);
  }
  state['record_history'] = JSON.stringify(await tenantRows(h, ws, 'SELECT count(*) AS n FROM record_history'));
  const control = async (sql: string) => JSON.stringify((await h.platform.control().execute({ sql, args: [ws] })).rows);
  state['memberships'] = await control('SELECT user_id, role, cost_rate, bill_rate FROM memberships WHERE workspace_id = ? ORDER BY user_id');
  state['invitations'] = await control('SELECT id, hex(secret_hash) AS secret, invited_by, expires_at, accepted_at, revoked_at FROM invitations WHERE workspace_id = ? ORDER BY id');
  state['api_keys'] = JSON.stringify((await h.platform.control().execute({ sql: 'SELECT id, revoked_at FROM api_keys WHERE workspace_id = ? ORDER BY id', args: [ws] })).rows);
  return state;
}

function send(method: string, path: string, spec: { body?: (ids: SeededIds) => unknown; csv?: string }, ids: SeededIds): Promise<Response> {
  if (spec.csv !== undefined) return call(h.app, method, path, undefined, { cookie: alice.cookie, rawBody: spec.csv, contentType: 'text/csv' });
  return call(h.app, method, path, spec.body?.(ids), { cookie: alice.cookie });
}

function leaked(text: string, secrets: string[]): string[] {
  // Case-insensitive: tags and search snippets may change the case of a name.
  const lower = text.toLowerCase();
  return secrets.filter((s) => lower.includes(s.toLowerCase()));
}

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { name: 'Alice', workspaceName: 'Alpha' });
  bob = await signUp(h.app, { name: `Bob ${MARK}`, workspaceName: `${MARK} Works` });
  aIds = await seed(alice, 'Alpha');
  bIds = await seed(bob, MARK);
  const importedB = await tenantRows(h, bob.workspace.id, 'SELECT id FROM companies WHERE name = ?', [`${MARK} Imported`]);
  expect(importedB).toHaveLength(1);
  bSecrets = [...Object.values(bIds), String(importedB[0]!['id']), bob.workspace.id, bob.user.id, bob.email, MARK];

  const res = await call(h.app, 'GET', '/openapi.json');
  expect(res.status).toBe(200);
  const doc = await json<{ paths: Record<string, Record<string, unknown>> }>(res);
  openApiRoutes = Object.entries(doc.paths)
    .filter(([path]) => path === '/w/{ws}' || path.startsWith('/w/{ws}/'))
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}, 60_000);
afterAll(() => h.close());

describe('tenant isolation sweep over the OpenAPI document', () => {
  it('knows how to call every /w/{ws} route the OpenAPI document lists, and no others', () => {
    const known = Object.keys(HANDLED_ROUTES).sort();
    const unknown = openApiRoutes.filter((r) => !known.includes(r));
    const gone = known.filter((r) => !openApiRoutes.includes(r));
    expect(unknown, `new route(s) the isolation sweep cannot call — add them to HANDLED_ROUTES in tests/api/isolation-support.ts: ${unknown.join(', ')}`).toEqual([]);
    expect(gone, `route(s) in HANDLED_ROUTES that the OpenAPI document no longer lists: ${gone.join(', ')}`).toEqual([]);
    // Every path parameter has a value (throws naming the route otherwise).
    for (const key of openApiRoutes) buildRequest(key, alice.workspace.slug, bIds);
  });

  it('answers 404 on every route, changes nothing in B and shows nothing of B', async () => {
    const before = await bobState();
    const failures: string[] = [];
    let foreignSlug = 0;
    let foreignId = 0;
    let ownLists = 0;
    const nameSecrets = [MARK, bob.email];

    for (const key of openApiRoutes) {
      // (a) bob's slug, bob's ids: alice is not a member, so the workspace does not exist for her.
      const a = buildRequest(key, bob.workspace.slug, bIds);
      const resA = await send(a.method, a.path, a.spec, bIds);
      const textA = await resA.text();
      foreignSlug += 1;
      if (resA.status !== 404 || !textA.includes('"not_found"')) failures.push(`(a) ${a.method} ${a.path} → ${resA.status} ${textA.slice(0, 200)}`);
      if (leaked(textA, nameSecrets).length) failures.push(`(a) ${a.method} ${a.path} leaked ${leaked(textA, nameSecrets).join(', ')}`);

      // (b) alice's slug with bob's id in {id}: the lookup in alice's database must miss.
      const b = buildRequest(key, alice.workspace.slug, bIds);
      if (b.idKind) {
        const resB = await send(b.method, b.path, b.spec, aIds);
        const textB = await resB.text();
        foreignId += 1;
        // The bodies in HANDLED_ROUTES are valid, so a 400 means validation ran but the lookup did not.
        if (resB.status !== 404 || !textB.includes('"not_found"')) failures.push(`(b) ${b.method} ${b.path} → ${resB.status} ${textB.slice(0, 200)}`);
        if (leaked(textB, nameSecrets).length) failures.push(`(b) ${b.method} ${b.path} leaked ${leaked(textB, nameSecrets).join(', ')}`);
      } else if (b.method === 'GET' && !b.spec.skipOwn) {
        // (c) alice's own lists and reads: nothing of bob's, whatever the status.
        const resC = await send(b.method, b.path, b.spec, aIds);
        const textC = await resC.text();
        ownLists += 1;
        if (resC.status !== 200) failures.push(`(c) ${b.method} ${b.path} → ${resC.status} ${textC.slice(0, 200)}`);
        const found = leaked(textC, bSecrets);
        if (found.length) failures.push(`(c) ${b.method} ${b.path} shows B's ${found.join(', ')}`);
      }
    }

    expect(failures, failures.join('\n')).toEqual([]);
    expect(await bobState()).toEqual(before);
    // Both workspaces' own lists really hold data, so the (c) checks looked at something.
    expect(await (await wsCall(h, alice, 'GET', '/companies')).text()).toContain('Alpha Company');
    expect(await (await wsCall(h, bob, 'GET', '/companies')).text()).toContain(`${MARK} Company`);
    console.log(
      `isolation sweep: ${openApiRoutes.length} routes × (foreign slug ${foreignSlug}, foreign id ${foreignId}, own-list leak checks ${ownLists}) = ${foreignSlug + foreignId + ownLists} cases, all passed`,
    );
  }, 60_000);

  it('refuses bob’s ids inside alice’s own write bodies, changing nothing in B', async () => {
    const before = await bobState();
    const cases: [string, string, unknown][] = [
      ['POST', '/contacts', { firstName: 'X', lastName: 'Y', companyId: bIds.company }],
      ['POST', '/activities', { type: 'note', subject: 'X', companyId: bIds.company }],
      ['POST', '/activities', { type: 'note', subject: 'X', contactId: bIds.contact }],
      ['POST', '/tasks', { title: 'X', companyId: bIds.company }],
      ['POST', '/tasks', { title: 'X', contactId: bIds.contact }],
      ['POST', '/tasks', { title: 'X', projectId: bIds.project }],
      ['POST', '/tasks', { title: 'X', projectId: aIds.project, dependsOn: [bIds.task] }],
      ['POST', '/tasks', { title: 'X', projectId: aIds.project, milestoneId: bIds.milestone }],
      ['PATCH', `/tasks/${aIds.task}`, { projectId: bIds.project }],
      ['POST', '/deals', { title: 'X', companyId: bIds.company }],
      ['POST', '/deals', { title: 'X', stage: bIds.stage }],
      ['PATCH', `/contacts/${aIds.contact}`, { companyId: bIds.company }],
      ['PATCH', `/deals/${aIds.deal}`, { companyId: bIds.company }],
      ['POST', `/deals/${aIds.deal}/move`, { stage: bIds.stage }],
      ['PUT', '/deal-stages/order', { ids: [bIds.stage, 'won', 'lost'] }],
      ['POST', '/time-entries', { projectId: bIds.project, date: '2026-11-23', minutes: 5 }],
      ['PATCH', `/time-entries/${aIds.timeEntry}`, { projectId: bIds.project }],
      ['PUT', '/timesheet/cells', { projectId: bIds.project, date: '2026-11-23', minutes: 5 }],
      ['POST', '/timer/start', { projectId: bIds.project }],
      ['POST', '/expenses', { projectId: bIds.project, date: '2026-11-23', amount: { amount: 100, currency: 'CZK' } }],
      ['PATCH', `/expenses/${aIds.expense}`, { projectId: bIds.project }],
      ['POST', '/projects', { name: 'X', companyId: bIds.company }],
      ['POST', '/projects', { name: 'X', contactId: bIds.contact }],
      ['POST', '/projects', { fromDealId: bIds.deal }],
      ['POST', '/projects', { name: 'X', statusId: bIds.projectStatus }],
      ['POST', '/projects', { name: 'X', managerId: bob.user.id }],
      ['POST', '/projects', { name: 'X', memberIds: [bob.user.id] }],
      ['PATCH', `/projects/${aIds.project}`, { companyId: bIds.company }],
      ['PATCH', `/projects/${aIds.project}`, { statusId: bIds.projectStatus }],
      ['PUT', '/project-statuses/order', { ids: [bIds.projectStatus, 'preparation', 'in_progress', 'review', 'done', 'on_hold', 'cancelled'] }],
    ];
    const failures: string[] = [];
    for (const [method, path, body] of cases) {
      const res = await wsCall(h, alice, method, path, body);
      const text = await res.text();
      if (res.status !== 400 && res.status !== 404) failures.push(`${method} ${path} ${JSON.stringify(body)} → ${res.status} ${text.slice(0, 200)}`);
      if (leaked(text, [MARK]).length) failures.push(`${method} ${path} leaked B's names`);
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(await bobState()).toEqual(before);
  });

  it('calls each {id} route correctly: with alice’s own ids none of them answers 404', async () => {
    // The control for case (b): the same requests with the caller's own ids reach the record,
    // so the 404s above come from the lookup, not from a malformed path or body. Deletes run
    // after the reads and writes, restores after the deletes.
    const rank = (key: string) => (key.endsWith('/restore') ? 2 : key.startsWith('DELETE ') ? 1 : 0);
    // Children go to the trash before their parent and come back after it (a project's milestones).
    const depth = (key: string) => key.split('/').length;
    const within = (x: string, y: string) => (rank(x) === 1 ? depth(y) - depth(x) : rank(x) === 2 ? depth(x) - depth(y) : 0);
    const keyed = openApiRoutes.filter((k) => k.includes('{id}')).sort((x, y) => rank(x) - rank(y) || within(x, y));
    const failures: string[] = [];
    for (const key of keyed) {
      const r = buildRequest(key, alice.workspace.slug, aIds);
      const res = await send(r.method, r.path, r.spec, aIds);
      if (res.status === 404 || res.status >= 500) failures.push(`${r.method} ${r.path} → ${res.status} ${(await res.text()).slice(0, 200)}`);
    }
    expect(keyed.length).toBeGreaterThan(20);
    expect(failures, failures.join('\n')).toEqual([]);
  });
});
