export * from './templates';
export * from './transports';
export * from './notice-context';
export * from './dispatcher';
export * from './letters';
export * from './notice-map';
export * from './sms-webhooks';
