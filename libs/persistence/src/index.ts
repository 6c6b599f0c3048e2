export * from './entities';
export * from './columns';
export { createDataSource, databaseConfigFrom, isPostgres, MIGRATIONS, type DatabaseConfig } from './data-source';
export { TransactionRunner, TransactionRetriesExhausted } from './transactions';
export { appendAudit, verifyAuditChain } from './audit.store';
export { SnapshotReads } from './snapshot-reads';
export { ServiceLocks, type LockResult } from './service-locks';
