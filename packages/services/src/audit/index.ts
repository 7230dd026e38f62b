/** The audit trail: reading, verifying and exporting it, and the vocabulary its filters use. */
export {
  AUDIT_PAGE_MAX,
  exportAudit,
  listAudit,
  verifyAudit,
  type AuditFilter,
  type AuditPage,
  type AuditPageRequest,
  type AuditRecordView,
} from './view.ts';
export { auditVocabulary, type AuditVocabulary } from './labels.ts';
export {
  auditChainHead,
  auditHeadText,
  verifyAuditTrail,
  type AuditHead,
  type AuditVerification,
} from './writer.ts';
