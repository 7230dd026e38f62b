/** The audit page's shapes as the server sends them (apps/server routes/console/audit.ts, services audit-view.ts). */
export interface AuditRecord {
  seq: number;
  at: string;
  /** displayName: the staff member's name, or the candidate's (with their 准考证号) for `candidate:…`; null for `system`. */
  actor: { username: string; displayName: string | null; ticket: string | null };
  action: string;
  actionLabel: string;
  entity: string;
  entityLabel: string;
  entityId: string;
  subject: string;
  detail: Record<string, unknown>;
  summary: string;
  beforeHash: string | null;
  afterHash: string | null;
  hash: string;
  prevHash: string;
}

export interface AuditPageView {
  records: AuditRecord[];
  next: number | null;
  limitedTo: { planNumber: string; name: string }[] | null;
}

export interface AuditVerification {
  records: number;
  broken: { seq: number; reason: string } | null;
}

export interface AuditVocabulary {
  actionGroups: { prefix: string; label: string }[];
  actions: { action: string; label: string }[];
  entities: { entity: string; label: string }[];
}
