export * from './demo-jurisdiction';
export * from './georgia-counties';
export * from './random';
export * from './seed-demo';
