import { DataSource, type EntityManager } from 'typeorm';
import { isPostgres } from './data-source';

/**
 * Reads that need no transaction and must not wait behind writes: the public portal's lookups.
 *
 * On SQLite the service's one connection is shared by every query runner, so reads that must not
 * interleave with a transaction queue behind it (`TransactionRunner.read`). In WAL mode a second
 * connection reads the last committed snapshot without blocking the writer or being blocked by
 * it, so these reads go to a small pool of their own read-only connections, in turn. On
 * PostgreSQL, where every query takes a pooled connection of its own, they go straight through.
 */
export class SnapshotReads {
  private readonly readers: DataSource[] = [];
  private turn = 0;

  private constructor(private readonly primary: DataSource) {}

  static async open(primary: DataSource, connections = 2): Promise<SnapshotReads> {
    const reads = new SnapshotReads(primary);
    const options = primary.options;
    if (!isPostgres(primary) && options.type === 'sqlite' && options.database !== ':memory:' && options.database !== '') {
      for (let i = 0; i < connections; i += 1) {
        const reader = new DataSource({ ...options, migrations: [], migrationsRun: false, synchronize: false });
        await reader.initialize();
        await reader.query('PRAGMA query_only = ON');
        reads.readers.push(reader);
      }
    }
    return reads;
  }

  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const reader = this.readers.length === 0 ? this.primary : this.readers[this.turn++ % this.readers.length];
    return work((reader ?? this.primary).manager);
  }

  async close(): Promise<void> {
    await Promise.all(this.readers.map((r) => (r.isInitialized ? r.destroy() : Promise.resolve())));
    this.readers.length = 0;
  }
}
