import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openAuditKey, type AuditKeySource } from './audit-key';
import { createDataSource, type DatabaseConfig } from './data-source';
import { SnapshotReads } from './snapshot-reads';
import { Stores } from './stores';
import { DatabaseMaintenance } from './maintenance';
import { TransactionRunner } from './transactions';
import { RATE_LIMITERS, sharedLimiters } from './rate-limits';

export const DATABASE_CONFIG = Symbol('DATABASE_CONFIG');

/**
 * The database for the app and the CLI: opened, and migrated when `migrate` is true (the service
 * migrates on start; the CLI's `migrate` does it on demand). Once the schema is current, the
 * audit key is loaded (and the chain sealed on the first start with a key); a database still
 * waiting for migrations gets it on its next start.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SnapshotReads) private readonly reads: SnapshotReads,
  ) {}

  static forRoot(config: DatabaseConfig, options: { migrate: boolean; auditKey: AuditKeySource }) {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_CONFIG, useValue: config },
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = createDataSource(config);
            await dataSource.initialize();
            try {
              if (options.migrate) await dataSource.runMigrations({ transaction: 'all' });
              if (!(await dataSource.showMigrations())) await openAuditKey(dataSource, options.auditKey);
            } catch (error) {
              await dataSource.destroy();
              throw error;
            }
            return dataSource;
          },
        },
        { provide: TransactionRunner, useFactory: (ds: DataSource) => new TransactionRunner(ds), inject: [DataSource] },
        { provide: SnapshotReads, useFactory: (ds: DataSource) => SnapshotReads.open(ds), inject: [DataSource] },
        { provide: DatabaseMaintenance, useFactory: (ds: DataSource, tx: TransactionRunner) => new DatabaseMaintenance(ds, tx), inject: [DataSource, TransactionRunner] },
        { provide: Stores, useFactory: (tx: TransactionRunner, reads: SnapshotReads) => new Stores(tx, reads), inject: [TransactionRunner, SnapshotReads] },
        { provide: RATE_LIMITERS, useFactory: (ds: DataSource) => sharedLimiters(ds), inject: [DataSource] },
      ],
      exports: [DataSource, TransactionRunner, SnapshotReads, Stores, DatabaseMaintenance, DATABASE_CONFIG, RATE_LIMITERS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reads.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
