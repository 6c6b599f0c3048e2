export * from './passwords';
export * from './users.service';
