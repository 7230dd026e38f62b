/**
 * Test fixtures for services, server and CLI tests and the benches: `@kaowu/services/testing`.
 * Not for production code.
 */
export * from './bank.ts';
export * from './exam.ts';
export * from './results.ts';
export { syntheticPerson, withCheckDigit } from '../exam/people.ts';
export { rosterWorkbook } from '../exam/roster.ts';
export { scoreWorkbook } from '../results/score-sheet.ts';
export * from './certificates.ts';
export * from './photos.ts';
