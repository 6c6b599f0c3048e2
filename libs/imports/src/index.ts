export * from './csv-rows';
export * from './import-report';
export * from './voter-import';
export * from './ballot-import';
