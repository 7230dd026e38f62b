export * from './certification.ts';
export * from './lifecycle.ts';
export * from './readiness.ts';
export * from './settings.ts';
export * from './text-format.ts';
export * from './excel/index.ts';
