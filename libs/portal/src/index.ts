export * from './portal-view';
export * from './portal-lookup';
export * from './portal-limits';
export * from './cure-uploads';
export * from './upload-tokens';
export * from './timeline';
export * from './contact-updates';
export * from './affidavit-pdf';
