// The tasks of one project as the Board and List tabs share them: the board's columns (what the
// API sends in two statements) and the project's milestones, cached per project so switching
// tabs paints at once while a fresh copy loads.
import { milestonesApi } from '../../projects-api.ts';
import { BOARD_COLUMNS, projectTasksApi, type BoardColumn, type ProjectTask } from '../../project-tasks-api.ts';

interface Snapshot {
  columns: BoardColumn[];
  milestones: { id: string; name: string }[];
}

// Read once per mount to paint the last state seen; not reactive state.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const seen = new Map<string, Snapshot>();

export class ProjectTaskData {
  columns = $state<BoardColumn[]>([]);
  milestones = $state<{ id: string; name: string }[]>([]);
  loaded = $state(false);
  error = $state<unknown>(null);
  readonly slug: string;
  readonly projectId: string;

  constructor(slug: string, projectId: string) {
    this.slug = slug;
    this.projectId = projectId;
    const cached = seen.get(`${slug}\u0000${projectId}`);
    if (cached) {
      this.columns = structuredClone(cached.columns);
      this.milestones = structuredClone(cached.milestones);
      this.loaded = true;
    }
  }

  /** Every loaded task of the project, column by column in board order. */
  get tasks(): ProjectTask[] {
    return this.columns.flatMap((c) => c.items);
  }

  get total(): number {
    return this.columns.reduce((n, c) => n + c.count, 0);
  }

  async load(signal?: AbortSignal): Promise<void> {
    try {
      const [board, milestones] = await Promise.all([
        projectTasksApi.board(this.slug, this.projectId, { signal }),
        milestonesApi.list(this.slug, this.projectId, { signal }).catch(() => ({ items: [] })),
      ]);
      this.columns = board.columns;
      this.milestones = milestones.items.map((m) => ({ id: m.id, name: m.name }));
      this.error = null;
      this.remember();
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') return;
      this.error = cause;
    } finally {
      if (!signal?.aborted) this.loaded = true;
    }
  }

  /** Puts a created or changed task where its column says (created ones on top), before the server's copy arrives. */
  upsert(task: ProjectTask): void {
    const status = (BOARD_COLUMNS as readonly string[]).includes(task.status ?? '') ? task.status : 'todo';
    for (const column of this.columns) {
      const at = column.items.findIndex((x) => x.id === task.id);
      if (at < 0) continue;
      if (column.status === status) {
        column.items[at] = task;
        this.remember();
        return;
      }
      column.items = column.items.filter((x) => x.id !== task.id);
      column.count = Math.max(0, column.count - 1);
      column.estimateMinutes -= task.estimateMinutes ?? 0;
    }
    const target = this.columns.find((c) => c.status === status);
    if (target) {
      target.items = [task, ...target.items];
      target.count += 1;
      target.estimateMinutes += task.estimateMinutes ?? 0;
    }
    this.remember();
  }

  drop(id: string): void {
    for (const column of this.columns) {
      const gone = column.items.find((x) => x.id === id);
      if (!gone) continue;
      column.items = column.items.filter((x) => x.id !== id);
      column.count = Math.max(0, column.count - 1);
      column.estimateMinutes -= gone.estimateMinutes ?? 0;
    }
    this.remember();
  }

  private remember(): void {
    seen.set(`${this.slug}\u0000${this.projectId}`, { columns: $state.snapshot(this.columns) as BoardColumn[], milestones: $state.snapshot(this.milestones) });
  }
}
