export * from './batch.ts';
export * from './certificate-register.ts';
export * from './publicity-confirmation.ts';
export * from './publicity-list.ts';
export * from './score-export.ts';
export * from './score-summary.ts';
export * from './paper-print.ts';
export * from './supervision-report.ts';
