/** Kaowu's use cases by bounded context. Test fixtures are in the separate entry `@kaowu/services/testing`. */
export * from './shared/index.ts';
export * from './accounts/index.ts';
export * from './audit/index.ts';
export * from './bank/index.ts';
export * from './papers/index.ts';
export * from './exam/index.ts';
export * from './results/index.ts';
export * from './certificates/index.ts';
export * from './analysis/index.ts';
export * from './archive/index.ts';
