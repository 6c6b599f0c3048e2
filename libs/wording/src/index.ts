export * from './voter-words';
export * from './words';
export * from './dates';
export { EN } from './en';
export { ES } from './es';
