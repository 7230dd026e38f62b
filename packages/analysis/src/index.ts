export * from './ctt.ts';
export * from './matrix.ts';
export * from './rasch.ts';
export * from './simulate.ts';
export * from './flags.ts';
