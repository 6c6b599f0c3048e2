import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource, type DatabaseConfig } from './data-source';
import { SnapshotReads } from './snapshot-reads';
import { Stores } from './stores';
import { DatabaseMaintenance } from './maintenance';
import { TransactionRunner } from './transactions';
import { RATE_LIMITERS, sharedLimiters } from './rate-limits';

export const DATABASE_CONFIG = Symbol('DATABASE_CONFIG');

/**
 * The database for the app and the CLI: opened, and migrated when `migrate` is true (the service
 * migrates on start; the CLI's `migrate` does it on demand).
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SnapshotReads) private readonly reads: SnapshotReads,
  ) {}

  static forRoot(config: DatabaseConfig, options: { migrate: boolean }) {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_CONFIG, useValue: config },
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = createDataSource(config);
            await dataSource.initialize();
            if (options.migrate) await dataSource.runMigrations({ transaction: 'all' });
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
