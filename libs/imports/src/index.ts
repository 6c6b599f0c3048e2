export * from './csv-rows';
export * from './voter-import';
export * from './ballot-import';
