import type { Answer, client } from '../../api.ts';

/** The audit page's shapes, as the routes answer (apps/server routes/console/audit.ts). */
export type AuditPageView = Answer<typeof client.audit.$get>;
export type AuditRecord = AuditPageView['records'][number];
export type AuditVerification = Answer<typeof client.audit.verify.$get>;
export type AuditVocabulary = Answer<typeof client.audit.labels.$get>;
