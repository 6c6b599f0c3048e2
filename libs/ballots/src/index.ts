export * from './actor';
export * from './errors';
export * from './ballot-facts';
export * from './election-rules';
export * from './ballot-transitions';
export * from './ballot-intake';
export * from './election-setup';
export * from './ballots.module';
