export * from './csv-rows';
export * from './import-report';
export * from './voter-import';
export * from './ballot-import';
export { closeAbandonedImports, importLiveness, IMPORT_SILENT_LIMIT_MS } from './import-liveness';
export { checkBallotFile, checkVoterFile, type CheckReport } from './import-check';
