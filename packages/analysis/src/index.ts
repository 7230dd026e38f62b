export * from './ctt.ts';
export * from './matrix.ts';
