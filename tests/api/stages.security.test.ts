import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, snapshot, type Caller } from './crm-support.ts';
import { call, createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let bob: SignedUp;
let a: Caller;
let b: Caller;
let aStage: string;

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app, { workspaceName: 'Alpha' });
  bob = await signUp(h.app, { workspaceName: 'Beta' });
  a = caller(h, alice);
  b = caller(h, bob);
  aStage = (await a.ok<{ id: string }>('POST', '/deal-stages', { name: 'Alpha secret stage' })).id;
});
afterAll(() => h.close());

const alphaState = () => snapshot(h, alice.workspace.id, 'deal_stages');

const routes = (): [string, string, unknown?][] => [
  ['GET', '/deal-stages'],
  ['POST', '/deal-stages', { name: 'Injected' }],
  ['PATCH', `/deal-stages/${aStage}`, { name: 'Pwned' }],
  ['PUT', '/deal-stages/order', { ids: ['lost', 'won'] }],
  ['DELETE', `/deal-stages/${aStage}`],
];

describe('deal stages across workspaces', () => {
  it('answers 404 to an owner of another workspace under A’s slug, changing nothing', async () => {
    const before = await alphaState();
    const bobInAlpha = caller(h, bob, alice.workspace.slug);
    for (const [method, path, body] of routes()) {
      const res = await bobInAlpha(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(await alphaState()).toBe(before);
  });

  it('answers 404 to A’s stage id in B’s workspace, and B cannot file a deal under it', async () => {
    const before = await alphaState();
    expect((await b('PATCH', `/deal-stages/${aStage}`, { name: 'Pwned' })).status).toBe(404);
    expect((await b('DELETE', `/deal-stages/${aStage}`)).status).toBe(404);
    const deal = await b('POST', '/deals', { title: 'x', stage: aStage });
    expect(deal.status).toBe(400);
    expect((await errorOf(deal)).fields).toHaveProperty('stage');
    const names = (await b.ok<{ items: { name: string }[] }>('GET', '/deal-stages')).items.map((s) => s.name);
    expect(names).not.toContain('Alpha secret stage');
    expect(await alphaState()).toBe(before);
  });

  it('answers 401 without a session', async () => {
    const before = await alphaState();
    for (const [method, path, body] of routes()) {
      expect((await call(h.app, method, `/w/${alice.workspace.slug}${path}`, body)).status, `${method} ${path}`).toBe(401);
    }
    expect(await alphaState()).toBe(before);
  });
});
