export * from './passwords';
export * from './sign-in-throttle';
export * from './users.service';
