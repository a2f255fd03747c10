// The project board: columns in order with counts and estimate totals in two statements, moves
// with fractional positions (only the moved card's key changes), concurrent moves ending in
// one consistent order, repair of tied keys, and paging a long column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../api/lib/ids.ts';
import { historyOf, tenantRows, type Caller } from './crm-support.ts';
import { board, byteLess, columnTitles, newProject, newTask, proUser, type ProjectTask } from './project-tasks-support.ts';
import { tenantClient } from './records-support.ts';
import { logSql } from './sql-log.ts';
import { createHarness, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let who: SignedUp;
let a: Caller;

beforeAll(async () => {
  h = createHarness({ startAt: Date.parse('2026-11-27T10:00:00Z') });
  ({ who, a } = await proUser(h));
});
afterAll(() => h.close());

const move = (id: string, body: Record<string, unknown>) => a.ok<ProjectTask>('POST', `/tasks/${id}/move`, body, 200);

async function dbOrder(projectId: string, status: string): Promise<{ title: string; position: string }[]> {
  const rows = await tenantRows(
    h,
    who.workspace.id,
    'SELECT title, position FROM tasks WHERE project_id = ? AND status = ? AND deleted_at IS NULL ORDER BY position, id',
    [projectId, status],
  );
  return rows.map((r) => ({ title: String(r['title']), position: String(r['position']) }));
}

describe('the board', () => {
  it('shows the four columns in order with counts, estimate totals and cards by position, in two statements', async () => {
    const p = await newProject(a, 'Board');
    await newTask(a, p, 'a', { estimateMinutes: 60 });
    await newTask(a, p, 'b', { estimateMinutes: 30 });
    await newTask(a, p, 'c');
    await newTask(a, p, 'd', { status: 'doing', estimateMinutes: 15 });
    await newTask(a, p, 'e', { done: true });
    const trashed = await newTask(a, p, 'trashed');
    expect((await a('DELETE', `/tasks/${trashed.id}`)).status).toBe(204);
    // Another project's cards stay off this board.
    await newTask(a, await newProject(a, 'Other'), 'elsewhere');

    const log = await logSql(h, who.workspace.id);
    log.clear();
    const b = await board(a, p);
    expect(log.statements).toHaveLength(2);
    // Both read the project's slice of the board index; neither scans the tasks table.
    for (const { plan } of await log.plans()) {
      expect(plan, plan).toMatch(/USING (COVERING )?INDEX tasks_project_board_idx/);
      expect(plan, plan).not.toMatch(/SCAN tasks\b/);
    }
    expect(b.projectId).toBe(p);
    expect(b.columns.map((c) => [c.status, c.count, c.estimateMinutes, c.items.map((t) => t.title), c.nextCursor])).toEqual([
      ['todo', 3, 90, ['c', 'b', 'a'], null],
      ['doing', 1, 15, ['d'], null],
      ['review', 0, 0, [], null],
      ['done', 1, 0, ['e'], null],
    ]);
  });

  it('pages a column longer than 200 cards through the task list in board order', async () => {
    const p = await newProject(a, 'Long column');
    const db = await tenantClient(h, who);
    const now = h.clock.ms;
    const stmts = Array.from({ length: 205 }, (_, i) => ({
      sql: `INSERT INTO tasks (id, title, done, project_id, status, position, version, created_at, updated_at) VALUES (?, ?, 0, ?, 'todo', ?, 1, ?, ?)`,
      args: [newId(now), `card ${String(i).padStart(3, '0')}`, p, `a${String(i).padStart(3, '0')}`, now, now],
    }));
    await db.batch(stmts, 'write');
    const col = (await board(a, p)).columns[0]!;
    expect(col.count).toBe(205);
    expect(col.items).toHaveLength(200);
    expect(col.items[199]!.title).toBe('card 199');
    expect(col.nextCursor).not.toBeNull();
    const rest = await a.ok<{ items: ProjectTask[]; nextCursor: string | null }>('GET', `/tasks?projectId=${p}&status=todo&sort=position&cursor=${col.nextCursor}`);
    expect(rest.items.map((t) => t.title)).toEqual(['card 200', 'card 201', 'card 202', 'card 203', 'card 204']);
    expect(rest.nextCursor).toBeNull();
  });
});

describe('moving cards', () => {
  let p: string;
  let cards: Record<string, ProjectTask>;

  beforeAll(async () => {
    p = await newProject(a, 'Moves');
    cards = {};
    // Created bottom-up: each new card goes on top, so the column reads t1, t2, t3, t4.
    for (const t of ['t4', 't3', 't2', 't1']) cards[t] = await newTask(a, p, t);
  });

  it('reorders within a column, changing only the moved card’s key', async () => {
    const before = await dbOrder(p, 'todo');
    expect(before.map((r) => r.title)).toEqual(['t1', 't2', 't3', 't4']);
    const moved = await move(cards['t1']!.id, { status: 'todo', afterId: cards['t3']!.id });
    expect(moved.version).toBe(cards['t1']!.version + 1);
    const after = await dbOrder(p, 'todo');
    expect(after.map((r) => r.title)).toEqual(['t2', 't3', 't1', 't4']);
    // Everyone else kept their key.
    for (const r of after.filter((x) => x.title !== 't1')) expect(r.position).toBe(before.find((x) => x.title === r.title)!.position);
    expect(await columnTitles(a, p, 'todo')).toEqual(['t2', 't3', 't1', 't4']);
    // A reorder is not an edit people look for in the history.
    expect((await historyOf(h, who.workspace.id, 'task', moved.id)).map((x) => x.action)).toEqual(['create']);
  });

  it('moves across columns before a card, on top, and into done (which finishes the task)', async () => {
    const d1 = await newTask(a, p, 'd1', { status: 'doing' });
    await move(cards['t2']!.id, { status: 'doing', beforeId: d1.id });
    expect(await columnTitles(a, p, 'doing')).toEqual(['t2', 'd1']);
    await move(cards['t4']!.id, { status: 'doing' });
    expect(await columnTitles(a, p, 'doing')).toEqual(['t4', 't2', 'd1']);
    const done = await move(cards['t4']!.id, { status: 'done' });
    expect(done).toMatchObject({ status: 'done', done: true });
    const history = await historyOf(h, who.workspace.id, 'task', done.id);
    expect(history.at(-1)!.changes).toEqual({ status: ['doing', 'done'], done: [false, true] });
    const back = await move(cards['t4']!.id, { status: 'review' });
    expect(back).toMatchObject({ status: 'review', done: false });
    expect(await columnTitles(a, p, 'todo')).toEqual(['t3', 't1']);
  });

  it('prefers afterId when both anchors are given', async () => {
    const q = await newProject(a, 'Anchors');
    const [z, y, x] = [await newTask(a, q, 'z'), await newTask(a, q, 'y'), await newTask(a, q, 'x')];
    const card = await newTask(a, q, 'card', { status: 'doing' });
    await move(card.id, { status: 'todo', afterId: y.id, beforeId: x.id });
    expect(await columnTitles(a, q, 'todo')).toEqual(['x', 'y', 'card', 'z']);
    expect(z.id).toBeTruthy();
  });
});

describe('concurrent moves', () => {
  it('end 20 simultaneous drops into one column in one total order with distinct keys', async () => {
    const p = await newProject(a, 'Concurrent');
    const tail = await newTask(a, p, 'tail', { status: 'review' });
    const anchor = await newTask(a, p, 'anchor', { status: 'review' });
    const cards: ProjectTask[] = [];
    for (let i = 0; i < 20; i++) cards.push(await newTask(a, p, `m${String(i).padStart(2, '0')}`));
    // Everyone drops their card right after the anchor (every third right before the tail) at once.
    const answers = await Promise.all(
      cards.map((c, i) => a('POST', `/tasks/${c.id}/move`, i % 3 ? { status: 'review', afterId: anchor.id, beforeId: tail.id } : { status: 'review', beforeId: tail.id })),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    const rows = await dbOrder(p, 'review');
    const positions = rows.map((r) => r.position);
    expect(new Set(positions).size).toBe(positions.length);
    for (let i = 1; i < positions.length; i++) expect(byteLess(positions[i - 1]!, positions[i]!)).toBe(true);
    const order = rows.map((r) => r.title);
    expect(order).toHaveLength(22);
    expect(order[0]).toBe('anchor');
    expect(order.at(-1)).toBe('tail');
    expect(order.slice(1, -1).sort()).toEqual(cards.map((c) => c.title).sort());
    expect(await columnTitles(a, p, 'review')).toEqual(order);
    expect((await board(a, p)).columns.map((c) => c.count)).toEqual([0, 0, 22, 0]);
  });

  it('keep a consistent order when the same cards are reordered against each other at once', async () => {
    const p = await newProject(a, 'Shuffle');
    const cards: ProjectTask[] = [];
    for (let i = 0; i < 12; i++) cards.push(await newTask(a, p, `s${i}`));
    // Each card is dropped after its neighbour while that neighbour itself moves.
    const answers = await Promise.all(cards.map((c, i) => a('POST', `/tasks/${c.id}/move`, { status: 'todo', afterId: cards[(i + 5) % cards.length]!.id })));
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(200));
    const rows = await dbOrder(p, 'todo');
    expect(new Set(rows.map((r) => r.position)).size).toBe(12);
    expect(rows.map((r) => r.title).sort()).toEqual(cards.map((c) => c.title).sort());
    expect(await columnTitles(a, p, 'todo')).toEqual(rows.map((r) => r.title));
  });
});

describe('repairing keys', () => {
  it('renumbers a column whose cards share a key or have none when a card lands between them', async () => {
    const p = await newProject(a, 'Repair');
    const cards: ProjectTask[] = [];
    for (const t of ['r1', 'r2', 'r3']) cards.push(await newTask(a, p, t));
    await tenantRows(h, who.workspace.id, "UPDATE tasks SET position = 'a0' WHERE project_id = ?", [p]);
    await tenantRows(h, who.workspace.id, 'UPDATE tasks SET position = NULL WHERE id = ?', [cards[0]!.id]);
    const before = await columnTitles(a, p, 'todo');
    expect(before[0]).toBe('r1'); // no key sorts first
    const newcomer = await newTask(a, p, 'between', { status: 'doing' });
    await move(newcomer.id, { status: 'todo', afterId: cards[0]!.id });
    const expected = [...before];
    expected.splice(1, 0, 'between');
    expect(await columnTitles(a, p, 'todo')).toEqual(expected);
    const rows = await dbOrder(p, 'todo');
    expect(new Set(rows.map((r) => r.position)).size).toBe(4);
    expect(rows.every((r) => r.position !== 'null')).toBe(true);
  });
});
