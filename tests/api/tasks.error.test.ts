import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, snapshot, type Caller } from './crm-support.ts';
import { call, createHarness, errorOf, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let alice: SignedUp;
let a: Caller;
let companyId: string;
let trashedCompanyId: string;
let taskId: string;

const TEN_KB = 'x'.repeat(10 * 1024);

beforeAll(async () => {
  h = createHarness();
  alice = await signUp(h.app);
  a = caller(h, alice);
  companyId = (await a.ok<{ id: string }>('POST', '/companies', { name: 'Live Co' })).id;
  trashedCompanyId = (await a.ok<{ id: string }>('POST', '/companies', { name: 'Trashed Co' })).id;
  expect((await a('DELETE', `/companies/${trashedCompanyId}`)).status).toBe(204);
  taskId = (await a.ok<{ id: string }>('POST', '/tasks', { title: 'Original', dueAt: '2026-12-01T09:00:00Z', companyId })).id;
});
afterAll(() => h.close());

/** Tables a task write touches: none of them may change on a rejected request. */
async function state(): Promise<string> {
  return (await snapshot(h, alice.workspace.id, 'tasks')) + (await snapshot(h, alice.workspace.id, 'record_history'));
}

async function expectFieldError(res: Response, field: string): Promise<void> {
  expect(res.status, field).toBe(400);
  const err = await errorOf(res);
  expect(err.code).toBe('validation_failed');
  expect(Object.keys(err.fields ?? {}), JSON.stringify(err)).toContain(field);
  expect(err.fields![field]!.length).toBeGreaterThan(3);
}

describe('creating a task with bad input', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['no title', {}, 'title'],
    ['empty title', { title: '' }, 'title'],
    ['blank title', { title: '   ' }, 'title'],
    ['title of 201 characters', { title: 'x'.repeat(201) }, 'title'],
    ['title of 10 KB', { title: TEN_KB }, 'title'],
    ['title as a number', { title: 42 }, 'title'],
    ['dueAt not a timestamp', { title: 'x', dueAt: 'tomorrow' }, 'dueAt'],
    ['dueAt a date only', { title: 'x', dueAt: '2026-11-27' }, 'dueAt'],
    ['dueAt an impossible date', { title: 'x', dueAt: '2026-13-01T00:00:00Z' }, 'dueAt'],
    ['dueAt a number', { title: 'x', dueAt: 1764237600000 }, 'dueAt'],
    ['dueAt before 1970', { title: 'x', dueAt: '1969-12-31T23:59:59Z' }, 'dueAt'],
    ['done as a string', { title: 'x', done: 'yes' }, 'done'],
    ['assignee who is not a member', { title: 'x', assigneeId: 'somebody-else' }, 'assigneeId'],
    ['assignee as a number', { title: 'x', assigneeId: 7 }, 'assigneeId'],
    ['assignee of 10 KB', { title: 'x', assigneeId: TEN_KB }, 'assigneeId'],
    ['unknown company', { title: 'x', companyId: 'no-such-company' }, 'companyId'],
    ['trashed company', { title: 'x', companyId: 'TRASHED' }, 'companyId'],
    ['unknown contact', { title: 'x', contactId: 'no-such-contact' }, 'contactId'],
    ['unknown deal', { title: 'x', dealId: 'no-such-deal' }, 'dealId'],
    ['projectId of 65 characters', { title: 'x', projectId: 'p'.repeat(65) }, 'projectId'],
    ['status of 51 characters', { title: 'x', status: 's'.repeat(51) }, 'status'],
    ['status of 10 KB', { title: 'x', status: TEN_KB }, 'status'],
    ['position with a space', { title: 'x', position: 'a 0' }, 'position'],
    ['position of 65 characters', { title: 'x', position: 'a'.repeat(65) }, 'position'],
    ['negative estimate', { title: 'x', estimateMinutes: -1 }, 'estimateMinutes'],
    ['estimate over 100,000', { title: 'x', estimateMinutes: 100_001 }, 'estimateMinutes'],
    ['fractional estimate', { title: 'x', estimateMinutes: 1.5 }, 'estimateMinutes'],
    ['estimate as a string', { title: 'x', estimateMinutes: '10' }, 'estimateMinutes'],
    ['unknown field', { title: 'x', priority: 'high' }, 'priority'],
    ['dependsOn on a task outside a project', { title: 'x', dependsOn: ['some-task'] }, 'dependsOn'],
    ['milestoneId on a task outside a project', { title: 'x', milestoneId: 'some-milestone' }, 'milestoneId'],
  ];

  for (const [name, body, field] of cases) {
    it(`rejects ${name} with a field error and writes nothing`, async () => {
      const before = await state();
      const payload = body['companyId'] === 'TRASHED' ? { ...body, companyId: trashedCompanyId } : body;
      await expectFieldError(await a('POST', '/tasks', payload), field);
      expect(await state()).toBe(before);
    });
  }

  it('names every bad link at once', async () => {
    const res = await a('POST', '/tasks', { title: 'x', companyId: 'nope', contactId: 'nope', dealId: 'nope' });
    expect(res.status).toBe(400);
    expect(Object.keys((await errorOf(res)).fields ?? {}).sort()).toEqual(['companyId', 'contactId', 'dealId']);
  });

  it('answers 400 to malformed JSON, a JSON array and null, writing nothing', async () => {
    const before = await state();
    for (const rawBody of ['{"title": "x",', '[{"title": "x"}]', 'null', '"x"']) {
      const res = await call(h.app, 'POST', `/w/${alice.workspace.slug}/tasks`, undefined, { cookie: alice.cookie, rawBody });
      expect(res.status, rawBody).toBe(400);
      expect(['bad_request', 'validation_failed']).toContain((await errorOf(res)).code);
    }
    expect(await state()).toBe(before);
  });

  it('accepts the largest valid values (200-character title, 100,000 minutes, year 9999)', async () => {
    const task = await a.ok<{ title: string; estimateMinutes: number; dueAt: string }>('POST', '/tasks', {
      title: 'y'.repeat(200),
      estimateMinutes: 100_000,
      dueAt: '9999-12-31T23:59:59.999Z',
    });
    expect(task.title).toHaveLength(200);
    expect(task.estimateMinutes).toBe(100_000);
    expect(task.dueAt).toBe('9999-12-31T23:59:59.999Z');
  });
});

describe('changing a task with bad input', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['empty title', { title: '' }, 'title'],
    ['null title', { title: null }, 'title'],
    ['done as null', { done: null }, 'done'],
    ['bad dueAt', { dueAt: '27. 11. 2026' }, 'dueAt'],
    ['unknown company', { companyId: 'nope' }, 'companyId'],
    ['non-member assignee', { assigneeId: 'nope' }, 'assigneeId'],
    ['unknown field', { colour: 'red' }, 'colour'],
    ['10 KB title', { title: TEN_KB }, 'title'],
  ];
  for (const [name, body, field] of cases) {
    it(`rejects ${name} and leaves the task as it was`, async () => {
      const before = await state();
      await expectFieldError(await a('PATCH', `/tasks/${taskId}`, body), field);
      expect(await state()).toBe(before);
    });
  }

  it('answers 409 to a stale If-Match on PATCH and DELETE, overwriting nothing', async () => {
    const current = await a('GET', `/tasks/${taskId}`);
    const tag = current.headers.get('etag')!;
    const fresh = await a.ok<{ version: number }>('PATCH', `/tasks/${taskId}`, { title: 'Changed by someone' }, 200, { 'If-Match': tag });
    const before = await state();
    for (const stale of [tag, '"999"', 'W/"0"', 'garbage']) {
      const patch = await a('PATCH', `/tasks/${taskId}`, { title: 'Mine' }, { 'If-Match': stale });
      expect(patch.status, stale).toBe(409);
      expect((await errorOf(patch)).code).toBe('conflict');
      expect((await a('DELETE', `/tasks/${taskId}`, undefined, { 'If-Match': stale })).status, stale).toBe(409);
    }
    expect(await state()).toBe(before);
    // The current version (weak form too) still works.
    const ok = await a('PATCH', `/tasks/${taskId}`, { title: 'Mine' }, { 'If-Match': `W/"${fresh.version}"` });
    expect(ok.status).toBe(200);
  });

  it('answers 404 for unknown ids and for restoring a live task; 400 for an overlong id', async () => {
    for (const [method, path] of [
      ['GET', '/tasks/nope'],
      ['PATCH', '/tasks/nope'],
      ['DELETE', '/tasks/nope'],
      ['POST', '/tasks/nope/restore'],
      ['POST', `/tasks/${taskId}/restore`],
    ] as const) {
      const res = await a(method, path, method === 'PATCH' ? { title: 'x' } : undefined);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
    expect((await a('GET', `/tasks/${'z'.repeat(65)}`)).status).toBe(400);
  });
});

describe('list and my-tasks parameters', () => {
  const cases: [string, string][] = [
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=ten', 'limit'],
    ['sort=title', 'sort'],
    ['done=maybe', 'done'],
    ['dueFrom=yesterday', 'dueFrom'],
    ['dueTo=2026-11-27', 'dueTo'],
    ['updatedSince=now', 'updatedSince'],
    ['cursor=not-a-cursor', 'cursor'],
    [`cursor=${'c'.repeat(501)}`, 'cursor'],
    [`assigneeId=${'a'.repeat(65)}`, 'assigneeId'],
    ['owner=me', 'owner'],
  ];
  for (const [query, field] of cases) {
    it(`rejects ?${query.slice(0, 40)} with a field error`, async () => {
      await expectFieldError(await a('GET', `/tasks?${query}`), field);
    });
  }

  it('rejects an unknown or overlong time zone', async () => {
    await expectFieldError(await a('GET', '/tasks/mine?tz=Mars/Olympus_Mons'), 'tz');
    await expectFieldError(await a('GET', `/tasks/mine?tz=${TEN_KB}`), 'tz');
    await expectFieldError(await a('GET', '/tasks/mine?when=today'), 'when');
  });
});
