import type { ChainHead } from '@app/audit';
import { DomainError } from '@app/domain';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { auditChainHead, verifyAuditChain, type AuditVerification } from './audit.store';
import { isPostgres } from './data-source';
import type { TransactionRunner } from './transactions';

/**
 * The database's own upkeep, for the CLI and the API's audit check: migrations, the audit chain's
 * verification, a backup. What reaches the database goes through here, so no command imports
 * TypeORM.
 */
export class DatabaseMaintenance {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  get engine(): 'postgres' | 'sqlite' {
    return isPostgres(this.dataSource) ? 'postgres' : 'sqlite';
  }

  /** Runs the migrations not yet run, all in one transaction; their names, and how many there are in all. */
  async migrate(): Promise<{ readonly ran: readonly string[]; readonly total: number }> {
    const ran = await this.dataSource.runMigrations({ transaction: 'all' });
    return { ran: ran.map((m) => m.name), total: this.dataSource.migrations.length };
  }

  /**
   * Walks the audit chain (in the readers' turn on SQLite, so a write in progress is never
   * half-seen); with `published`, also proves that a head published earlier is still in it.
   */
  verifyAudit(published?: ChainHead): Promise<AuditVerification> {
    return this.tx.read(() => verifyAuditChain(this.dataSource, published === undefined ? {} : { published }));
  }

  /** The audit chain's head as recorded now, to publish with a report. */
  auditHead(): Promise<ChainHead> {
    return this.tx.read((m) => auditChainHead(m));
  }

  /** A consistent copy of the live SQLite database to a new file (VACUUM INTO works while the service runs). */
  async backup(file: string): Promise<string> {
    if (this.engine === 'postgres') throw new DomainError('invalid_input', 'the database is PostgreSQL: back it up with pg_dump');
    const target = resolve(file);
    if (existsSync(target)) throw new DomainError('conflict', `${target} exists: choose another file`);
    await this.tx.read((m) => m.query('VACUUM INTO ?', [target]));
    return target;
  }
}
