// Role and plan sweep, driven by the OpenAPI document: every `/w/{ws}` route declares its access
// (x-tandem-access: permission, roles, plan), and for every route × role the API must agree with
// the permission table (api/access/permissions.ts). The gate runs before validation, so each call
// sends a body that can never validate (a JSON array) and ids that name nothing: a role the table
// allows gets past the gate (400/404/…, never 403), one it forbids gets 403 — and nothing is written.
// On a free workspace every route of a pro permission answers 402 to writes and 200 to reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission } from '../../api/access/permissions.ts';
import type { Role } from '../../api/context.ts';
import { snapshot } from './crm-support.ts';
import { addMember } from './imports-support.ts';
import { call, createHarness, json, setPlan, signUp, type Harness, type SignedUp } from './support.ts';

interface Access {
  permission: Permission;
  roles: Role[];
  plan: 'free' | 'pro';
  /** false: only a signed-in person may call it, whatever a key's role. */
  apiKeys?: false;
}

/** Who calls: a signed-in member of each role, or an API key of the admin or member role. */
type Caller = Role | 'admin key' | 'member key';
const CALLERS: Caller[] = ['owner', 'admin', 'member', 'admin key', 'member key'];

function allowedFor(access: Access, caller: Caller): boolean {
  if (caller === 'admin key' || caller === 'member key') return access.apiKeys !== false && access.roles.includes(caller === 'admin key' ? 'admin' : 'member');
  return access.roles.includes(caller);
}

interface Operation {
  method: string;
  path: string;
  access: Access | undefined;
  hasBody: boolean;
  /** Needs query parameters (e.g. `week`) to answer 200. */
  needsQuery: boolean;
  /** Statuses the document lists for it. */
  statuses: string[];
}

const MISSING_ID = '01JZZZZZZZZZZZZZZZZZZZZZZZ';

let h: Harness;
let owner: SignedUp;
let free: SignedUp;
const callers: Partial<Record<Role, SignedUp>> = {};
const keys: Partial<Record<Caller, string>> = {};
let operations: Operation[];

/** The path with the workspace slug and every other parameter filled with an id that names nothing. */
function concrete(path: string, slug: string): string {
  return `/w/${slug}${path.slice('/w/{ws}'.length).replace(/\{[^}]+\}/g, MISSING_ID)}`;
}

function send(op: Operation, who: SignedUp, key?: string): Promise<Response> {
  const url = concrete(op.path, who.workspace.slug);
  const options = key ? { origin: null, headers: { Authorization: `Bearer ${key}` } } : { cookie: who.cookie };
  // An array never fits an object schema: allowed callers stop at validation, forbidden ones at the gate.
  return call(h.app, op.method, url, op.hasBody ? [] : undefined, options);
}

function sendAs(op: Operation, caller: Caller): Promise<Response> {
  if (caller === 'admin key' || caller === 'member key') return send(op, owner, keys[caller]);
  return send(op, callers[caller]!);
}

async function tenantState(who: SignedUp): Promise<string> {
  const parts: string[] = [];
  for (const table of ['companies', 'contacts', 'activities', 'tasks', 'deals', 'deal_stages', 'record_history']) {
    parts.push(await snapshot(h, who.workspace.id, table));
  }
  return parts.join('\n');
}

beforeAll(async () => {
  h = createHarness();
  owner = await signUp(h.app, { name: 'Olga Owner', workspaceName: 'Roles' });
  await setPlan(h, owner.workspace.id, 'pro');
  callers.owner = owner;
  for (const role of ['admin', 'member'] as const) {
    const user = await signUp(h.app, { name: `${role} user`, workspaceName: `Own ${role}` });
    await addMember(h, owner, user, role);
    // Each call must resolve to the shared workspace: point the caller's workspace at it.
    callers[role] = { ...user, workspace: owner.workspace };
  }
  free = await signUp(h.app, { name: 'Fred Free', workspaceName: 'Free plan' });
  for (const role of ['admin', 'member'] as const) {
    const res = await call(h.app, 'POST', `/w/${owner.workspace.slug}/api-keys`, { name: `${role} integration`, role }, { cookie: owner.cookie });
    expect(res.status).toBe(201);
    keys[`${role} key`] = ((await res.json()) as { secret: string }).secret;
  }

  const res = await call(h.app, 'GET', '/openapi.json');
  expect(res.status).toBe(200);
  type Op = { 'x-tandem-access'?: Access; requestBody?: unknown; parameters?: { in: string; required?: boolean }[]; responses?: Record<string, unknown> };
  const doc = await json<{ paths: Record<string, Record<string, Op>> }>(res);
  operations = Object.entries(doc.paths)
    .filter(([path]) => path === '/w/{ws}' || path.startsWith('/w/{ws}/'))
    .flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        access: op['x-tandem-access'],
        hasBody: op.requestBody !== undefined,
        needsQuery: (op.parameters ?? []).some((p) => p.in === 'query' && p.required === true),
        statuses: Object.keys(op.responses ?? {}),
      })),
    )
    .sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}, 60_000);
afterAll(() => h.close());

describe('access declarations', () => {
  it('every /w/{ws} route declares a permission of the table, with the roles and plan the table gives', () => {
    expect(operations.length).toBeGreaterThan(50);
    const undeclared = operations.filter((op) => !op.access).map((op) => `${op.method} ${op.path}`);
    expect(undeclared, 'routes without access(): add ...access(permission) to their createRoute').toEqual([]);
    for (const op of operations) {
      const rule = PERMISSIONS[op.access!.permission];
      expect(rule, `${op.method} ${op.path}: unknown permission ${op.access!.permission}`).toBeDefined();
      expect(op.access!.roles).toEqual([...rule.roles]);
      expect(op.access!.plan).toBe('feature' in rule ? 'pro' : 'free');
      // What the gate can answer is documented: 402 on pro writes, 403 where a role is left out.
      if (op.access!.plan === 'pro' && op.method !== 'GET') expect(op.statuses, `${op.method} ${op.path}`).toContain('402');
      if (op.access!.roles.length < 3) expect(op.statuses, `${op.method} ${op.path}`).toContain('403');
    }
  });

});

describe('route × role sweep', () => {
  it('each role and API key gets past the gate exactly where the permission table allows it, and forbidden calls write nothing', async () => {
    const before = await tenantState(owner);
    const mismatches: string[] = [];
    let cases = 0;
    for (const op of operations) {
      for (const role of CALLERS) {
        const res = await sendAs(op, role);
        const allowed = allowedFor(op.access!, role);
        cases++;
        if (allowed && (res.status === 403 || res.status === 401 || res.status >= 500)) mismatches.push(`${role} ${op.method} ${op.path}: ${res.status} but allowed`);
        if (!allowed && res.status !== 403) mismatches.push(`${role} ${op.method} ${op.path}: ${res.status}, expected 403`);
        if (!allowed) {
          const body = (await res.json()) as { error?: { code?: string } };
          if (body.error?.code !== 'forbidden') mismatches.push(`${role} ${op.method} ${op.path}: code ${body.error?.code}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    console.log(`role sweep: ${operations.length} routes × ${CALLERS.length} callers = ${cases} cases`);
    expect(await tenantState(owner)).toBe(before);
  });
});

describe('plan sweep', () => {
  it('on free, every write of a pro permission answers 402 plan_required and every read of one answers 200', async () => {
    const pro = operations.filter((op) => op.access!.plan === 'pro');
    const problems: string[] = [];
    for (const op of pro) {
      const res = await send(op, free);
      if (res.status !== 402) problems.push(`${op.method} ${op.path}: ${res.status}, expected 402`);
      else {
        const body = (await res.json()) as { error: { code: string; message: string } };
        if (body.error.code !== 'plan_required' || !/Pro/.test(body.error.message)) problems.push(`${op.method} ${op.path}: ${JSON.stringify(body)}`);
      }
    }
    expect(problems).toEqual([]);
    // Reads of pro resources: the list routes (no path ids) answer 200 on free.
    const proLists = operations.filter(
      (op) => op.method === 'GET' && !op.needsQuery && !/\{(?!ws\})/.test(op.path) && /projects|time-entries|expenses|timer|timesheet|project-statuses/.test(op.path),
    );
    for (const op of proLists) {
      const res = await send(op, free);
      expect(res.status, `${op.method} ${op.path}`).toBe(200);
    }
  });
});
