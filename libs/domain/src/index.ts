export * from './assert';
export * from './codes';
export * from './jurisdiction';
export * from './ballot';
export * from './eavs';
export * from './names';
