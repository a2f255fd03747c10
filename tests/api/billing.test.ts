// Billing without a payment provider (self-hosting, `npm start`): the owner switches plans
// directly; only the owner may; other workspaces are invisible; a downgrade deletes nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncSeats } from '../../api/billing/seats.ts';
import { billingAccounts, billingEvents } from '../../db/control/schema.ts';
import { addMember, snapshot, tenantRows } from './crm-support.ts';
import { importAndWait } from './imports-support.ts';
import { ok, wsCall } from './records-support.ts';
import { call, createHarness, errorOf, signUp, workspaceRow, type Harness, type SignedUp } from './support.ts';

interface Billing {
  id: string;
  plan: 'free' | 'pro';
  provider: 'local' | 'stripe';
  status: string | null;
  seats: number;
  members: number;
  currentPeriodEnd: string | null;
  nextInvoice: unknown;
  pastDue: unknown;
  portal: boolean;
}

interface WorkspaceWithUsage {
  plan: 'free' | 'pro';
  limits: { members: number | null; records: number | null };
  usage: { members: number; records: number };
}

let h: Harness;
beforeAll(() => {
  h = createHarness();
});
afterAll(() => h.close());

async function team(label: string): Promise<{ owner: SignedUp; admin: SignedUp; member: SignedUp }> {
  const owner = await signUp(h.app, { name: `${label} Owner`, workspaceName: `${label} Works` });
  const admin = await signUp(h.app, { name: `${label} Admin`, workspaceName: `${label} Admin's` });
  const member = await signUp(h.app, { name: `${label} Member`, workspaceName: `${label} Member's` });
  await addMember(h, owner.workspace.id, admin.user.id, 'admin');
  await addMember(h, owner.workspace.id, member.user.id, 'member');
  // Their requests go to the owner's workspace.
  return { owner, admin: { ...admin, workspace: owner.workspace }, member: { ...member, workspace: owner.workspace } };
}

describe('GET /w/:ws/billing with the local provider', () => {
  it('shows a free workspace: provider local, no subscription, no seats paid, the member count', async () => {
    const { owner } = await team('Show');
    const billing = await ok<Billing>(wsCall(h, owner, 'GET', '/billing'));
    expect(billing).toEqual({
      id: owner.workspace.id,
      plan: 'free',
      provider: 'local',
      status: null,
      seats: 0,
      members: 3,
      currentPeriodEnd: null,
      nextInvoice: null,
      pastDue: null,
      portal: false,
    });
  });
});

describe('POST /w/:ws/billing/plan with the local provider', () => {
  it('switches free → pro → free at once for the owner; the workspace, its limits and /me follow', async () => {
    const { owner } = await team('Switch');
    const pro = await ok<Billing>(wsCall(h, owner, 'POST', '/billing/plan', { plan: 'pro' }));
    expect(pro).toMatchObject({ plan: 'pro', provider: 'local', status: 'active', seats: 3, members: 3, portal: false });
    expect((await workspaceRow(h, owner.workspace.id)).plan).toBe('pro');
    const ws = await ok<WorkspaceWithUsage>(wsCall(h, owner, 'GET', ''));
    expect(ws.plan).toBe('pro');
    expect(ws.limits).toMatchObject({ members: null, records: null });
    const me = await ok<{ workspaces: { id: string; plan: string }[] }>(call(h.app, 'GET', '/me', undefined, { cookie: owner.cookie }));
    expect(me.workspaces.find((w) => w.id === owner.workspace.id)?.plan).toBe('pro');

    const free = await ok<Billing>(wsCall(h, owner, 'POST', '/billing/plan', { plan: 'free' }));
    expect(free).toMatchObject({ plan: 'free', status: 'canceled', seats: 0 });
    expect((await ok<WorkspaceWithUsage>(wsCall(h, owner, 'GET', ''))).limits).toMatchObject({ members: 2, records: 2500 });
    // No provider events are involved.
    expect(await h.control.select().from(billingEvents)).toEqual([]);
  });

  it('asking for the current plan answers the billing view and changes nothing', async () => {
    const { owner } = await team('Same');
    const before = await workspaceRow(h, owner.workspace.id);
    h.clock.advance(1000);
    const res = await ok<Billing>(wsCall(h, owner, 'POST', '/billing/plan', { plan: 'free' }));
    expect(res.plan).toBe('free');
    expect(await workspaceRow(h, owner.workspace.id)).toEqual(before);
    expect(await h.control.select().from(billingAccounts).where(eq(billingAccounts.workspaceId, owner.workspace.id))).toEqual([]);
  });

  it('refuses admins and members with 403 on every billing route, and changes nothing', async () => {
    const { owner, admin, member } = await team('Roles');
    for (const who of [admin, member]) {
      for (const [method, path, body] of [
        ['GET', '/billing', undefined],
        ['POST', '/billing/plan', { plan: 'pro' }],
        ['POST', '/billing/portal', undefined],
      ] as const) {
        const res = await wsCall(h, who, method, path, body);
        expect(res.status, `${who.user.name} ${method} ${path}`).toBe(403);
        expect((await errorOf(res)).code).toBe('forbidden');
      }
    }
    expect((await workspaceRow(h, owner.workspace.id)).plan).toBe('free');
    expect(await h.control.select().from(billingAccounts).where(eq(billingAccounts.workspaceId, owner.workspace.id))).toEqual([]);
  });

  it("answers 404 for another workspace's billing (even to its would-be owner) and 401 without a session", async () => {
    const { owner: victim } = await team('Victim');
    const intruder = await signUp(h.app, { workspaceName: 'Intruder' });
    for (const [method, path, body] of [
      ['GET', '/billing', undefined],
      ['POST', '/billing/plan', { plan: 'pro' }],
      ['POST', '/billing/portal', undefined],
    ] as const) {
      const res = await call(h.app, method, `/w/${victim.workspace.slug}${path}`, body, { cookie: intruder.cookie });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
      const anonymous = await call(h.app, method, `/w/${victim.workspace.slug}${path}`, body);
      expect(anonymous.status).toBe(401);
    }
    expect((await workspaceRow(h, victim.workspace.id)).plan).toBe('free');
  });

  it('rejects a bad plan with 400 and field messages, and writes nothing', async () => {
    const { owner } = await team('Bad');
    for (const body of [{ plan: 'enterprise' }, {}, { plan: 'pro', seats: 99 }, { plan: null }, ['pro']]) {
      const res = await wsCall(h, owner, 'POST', '/billing/plan', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('validation_failed');
      expect(Object.keys(error.fields ?? {}).length, JSON.stringify(body)).toBeGreaterThan(0);
    }
    const enterprise = await errorOf(await wsCall(h, owner, 'POST', '/billing/plan', { plan: 'enterprise' }));
    expect(enterprise.fields?.['plan']).toBe('Choose "free" or "pro".');
    const notJson = await wsCall(h, owner, 'POST', '/billing/plan', undefined, { rawBody: '{"plan": pro' });
    expect(notJson.status).toBe(400);
    expect((await workspaceRow(h, owner.workspace.id)).plan).toBe('free');
    expect(await h.control.select().from(billingAccounts).where(eq(billingAccounts.workspaceId, owner.workspace.id))).toEqual([]);
  });

  it('keeps the CSRF check on plan changes: a cross-site request is refused', async () => {
    const { owner } = await team('Csrf');
    const res = await wsCall(h, owner, 'POST', '/billing/plan', { plan: 'pro' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await workspaceRow(h, owner.workspace.id)).plan).toBe('free');
  });
});

describe('portal and webhook without a payment provider', () => {
  it('has no portal (409) and no webhook endpoint (404)', async () => {
    const { owner } = await team('Portal');
    const portal = await wsCall(h, owner, 'POST', '/billing/portal');
    expect(portal.status).toBe(409);
    expect((await errorOf(portal)).message).toMatch(/switches the plan directly/);
    const hook = await call(h.app, 'POST', '/billing/stripe/webhook', undefined, { origin: null, rawBody: '{}', headers: { 'stripe-signature': 't=1,v1=x' } });
    expect(hook.status).toBe(404);
    expect(await h.control.select().from(billingEvents)).toEqual([]);
  });
});

describe('seats follow membership', () => {
  it('records the member count on a paid plan when members join, and mends a stale count when billing opens', async () => {
    const { owner } = await team('Seats');
    await ok(wsCall(h, owner, 'POST', '/billing/plan', { plan: 'pro' }));
    const extra = await signUp(h.app, { workspaceName: 'Extra' });
    await addMember(h, owner.workspace.id, extra.user.id, 'member');
    await syncSeats(h.platform, h.control, owner.workspace.id, h.clock.ms);
    const [account] = await h.control.select().from(billingAccounts).where(eq(billingAccounts.workspaceId, owner.workspace.id));
    expect(account?.seats).toBe(4);

    // A membership change whose sync never ran: opening billing brings the count up to date.
    const late = await signUp(h.app, { workspaceName: 'Late' });
    await addMember(h, owner.workspace.id, late.user.id, 'member');
    expect(await ok<Billing>(wsCall(h, owner, 'GET', '/billing'))).toMatchObject({ seats: 5, members: 5 });
  });
});

describe('a free → pro → free round trip', () => {
  it('leaves every record in place: past the free limits it becomes read-only for adding, and upgrading again opens it', async () => {
    const { owner, member } = await team('Trip');
    const company = await ok<{ id: string }>(wsCall(h, owner, 'POST', '/companies', { name: 'Stays s.r.o.', tags: ['keep'] }), 201);
    await ok(wsCall(h, owner, 'POST', '/contacts', { firstName: 'Jana', lastName: 'Zůstává', companyId: company.id }), 201);
    await ok(wsCall(h, owner, 'POST', '/billing/plan', { plan: 'pro' }));

    // On Pro: past the free record limit (2,500) and the free member limit (2).
    const lines = ['Name', ...Array.from({ length: 2_505 }, (_, i) => `Pro firma ${String(i).padStart(5, '0')}`)];
    const job = await importAndWait(h, owner, lines.join('\n'), { entity: 'companies' });
    expect(job).toMatchObject({ status: 'done', createdCount: 2_505 });
    const before = await Promise.all(['companies', 'contacts', 'record_tags', 'record_history'].map((t) => snapshot(h, owner.workspace.id, t)));

    await ok(wsCall(h, owner, 'POST', '/billing/plan', { plan: 'free' }));
    const after = await Promise.all(['companies', 'contacts', 'record_tags', 'record_history'].map((t) => snapshot(h, owner.workspace.id, t)));
    expect(after).toEqual(before);
    const ws = await ok<WorkspaceWithUsage>(wsCall(h, member, 'GET', ''));
    expect(ws).toMatchObject({ plan: 'free', usage: { records: 2_507, members: 3 }, limits: { records: 2_500, members: 2 } });
    // Reads and changes still work; adding past the limit is what Free refuses.
    expect((await ok<{ name: string }>(wsCall(h, member, 'GET', `/companies/${company.id}`))).name).toBe('Stays s.r.o.');
    const refused = await wsCall(h, member, 'POST', '/companies', { name: 'One too many' });
    expect(refused.status).toBe(402);
    expect((await errorOf(refused)).code).toBe('plan_required');
    await ok(wsCall(h, member, 'PATCH', `/companies/${company.id}`, { name: 'Still editable s.r.o.' }));

    await ok(wsCall(h, owner, 'POST', '/billing/plan', { plan: 'pro' }));
    await ok(wsCall(h, member, 'POST', '/companies', { name: 'Room again' }), 201);
    const [counts] = await tenantRows(h, owner.workspace.id, 'SELECT count(*) AS n FROM companies WHERE deleted_at IS NULL');
    expect(counts?.['n']).toBe(2_507);
  }, 60_000);
});
