import type { DataSource, EntityManager } from 'typeorm';
import { isPostgres } from './data-source';

/** A FIFO queue: each caller waits for the previous one to finish. */
class FifoMutex {
  private tail: Promise<void> = Promise.resolve();

  async run<T>(work: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await work();
    } finally {
      release();
    }
  }
}

/**
 * SQLite: the first statement of every write transaction takes the database's write lock, as BEGIN
 * IMMEDIATE would (TypeORM begins deferred). A deferred transaction that reads, then writes after
 * another process (the CLI's roll import) committed, can never upgrade its stale WAL snapshot:
 * SQLite answers SQLITE_BUSY at once, and TypeORM's busyErrorRetry retried that forever, so the
 * request hung (found by the soak of issue 13). Taken first, the lock waits its turn under the busy
 * timeout and the transaction reads the latest data. An UPDATE that matches no row still takes the
 * lock; TypeORM's own `migrations` table is in every database the service opens.
 */
const TAKE_THE_WRITE_LOCK = 'UPDATE migrations SET id = id WHERE 0';

/** The most transactions one group commit takes (issue 16): enough to share a commit, few enough to keep each caller's wait short. */
const MAX_GROUP = 50;

interface GroupItem {
  readonly work: (manager: EntityManager) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']); // serialization failure, deadlock
const MAX_ATTEMPTS = 5;

export class TransactionRetriesExhausted extends Error {
  constructor(readonly attempts: number, cause: unknown) {
    super(`transaction failed after ${attempts} attempts with serialization conflicts`, { cause });
    this.name = 'TransactionRetriesExhausted';
  }
}

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Runs units of work in database transactions. On SQLite, TypeORM shares one connection between
 * all query runners, so two overlapping transactions collide ("cannot start a transaction within a
 * transaction"); SQLite has one writer anyway, so top-level transactions are queued FIFO here. On
 * PostgreSQL each transaction has its own pooled connection; serialization failures and deadlocks
 * are retried a bounded number of times, then reported.
 */
export class TransactionRunner {
  private readonly mutex = new FifoMutex();
  private readonly waiting: GroupItem[] = [];
  private groupQueued = false;

  constructor(readonly dataSource: DataSource) {}

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!isPostgres(this.dataSource)) {
      return this.mutex.run(() =>
        this.dataSource.transaction(async (m) => {
          await m.query(TAKE_THE_WRITE_LOCK);
          return work(m);
        }),
      );
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        const state = sqlState(error);
        if (state === undefined || !RETRYABLE_SQLSTATES.has(state)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new TransactionRetriesExhausted(attempt, error);
        await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt + Math.random() * 10));
      }
    }
  }

  /**
   * The same as `run` for each caller; on SQLite, the units of work waiting for the writer when it
   * comes free are committed together (group commit: one commit instead of one each, the commit
   * being most of a small write's cost). Each runs in its own SAVEPOINT, in arrival order, so each
   * sees what those before it wrote, as if run one after another; one that fails is rolled back to
   * its savepoint and refused alone, never failing the others. A caller's promise settles only
   * after the commit; if the commit itself fails, every caller of the group gets the error.
   */
  runGrouped<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (isPostgres(this.dataSource)) return this.run(work);
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.queueGroup();
    });
  }

  private queueGroup(): void {
    if (this.groupQueued) return;
    this.groupQueued = true;
    void this.mutex.run(() => this.commitGroup());
  }

  private async commitGroup(): Promise<void> {
    this.groupQueued = false;
    const group = this.waiting.splice(0, MAX_GROUP);
    if (this.waiting.length > 0) this.queueGroup();
    const outcomes: Outcome[] = [];
    try {
      await this.dataSource.transaction(async (m) => {
        await m.query(TAKE_THE_WRITE_LOCK);
        // Alone, a unit needs no savepoint: its failure rolls the transaction back, as `run` does.
        if (group.length === 1) return void outcomes.push({ ok: true, value: await (group[0] as GroupItem).work(m) });
        for (const item of group) {
          await m.query('SAVEPOINT group_item');
          try {
            const value = await item.work(m);
            await m.query('RELEASE group_item');
            outcomes.push({ ok: true, value });
          } catch (error) {
            await m.query('ROLLBACK TO group_item');
            await m.query('RELEASE group_item');
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // Nothing of the group was written: a unit's own refusal stands, the others get the error.
      group.forEach((item, i) => {
        const outcome = outcomes[i];
        item.reject(outcome !== undefined && !outcome.ok ? outcome.error : error);
      });
      return;
    }
    group.forEach((item, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  /** Reads that must not interleave with a SQLite write use the same queue; on PostgreSQL they run directly. */
  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!isPostgres(this.dataSource)) return this.mutex.run(() => work(this.dataSource.manager));
    return work(this.dataSource.manager);
  }
}
