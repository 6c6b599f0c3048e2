export * from './rows';
export * from './csv';
export * from './reports';
export * from './report-definitions';
export * from './eavs-report';
export * from './report-export';
