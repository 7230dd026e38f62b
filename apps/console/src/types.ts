/** The shapes the server sends (apps/server/src/routes/console, batches, rooms), as far as the console reads them. */
import type { ItemResponse } from '@kaowu/domain/browser';

export type Role = 'author' | 'assessor' | 'administrator' | 'proctor';
export interface Me {
  username: string;
  displayName: string;
  roles: Role[];
  csrfToken: string;
}
export interface BankRef {
  occupationCode: string;
  level: number;
}
export interface BankSummary extends BankRef {
  occupationName: string;
  label: string;
  items: number;
  approved: number;
}

export interface OutlinePoint {
  code: string;
  name: string;
  importance?: string;
}
export interface OutlineArea {
  code: string;
  name: string;
  weight?: number;
  areas?: OutlineArea[];
  points?: OutlinePoint[];
}
export interface Outline {
  areas: OutlineArea[];
  occupation?: { name: string };
}

export type ItemType = 'true_false' | 'single' | 'multiple';
export interface ItemContent {
  type: ItemType;
  point: string;
  difficulty: number;
  stem: string;
  explanation: string;
  options?: string[];
  key: boolean | number | number[];
  shuffle?: 'all' | 'none' | 'keep-last';
}
export type ItemStatus = 'draft' | 'in_review' | 'approved' | 'retired' | 'superseded';
export interface ItemVersion {
  code: string;
  version: number;
  status: ItemStatus;
  content: ItemContent;
  contentHash: string;
  author: string;
  reviewer: string | null;
  reviewComment: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Certification {
  assessor: string;
  assessorName: string;
  snapshotHash: string;
  certifiedAt: string;
  comment: string;
  verdict: {
    kind: 'counts' | 'not_registered' | 'author' | 'stale';
    changes?: { added: number; changed: number; retired: number } | null;
  };
}
export interface CertificationState {
  certified: boolean;
  required: number;
  counting: number;
  certifications: Certification[];
}
export interface BankStatus {
  bank: BankRef & { occupationName: string };
  snapshotHash: string;
  coverage: {
    approved: number;
    minItems: number;
    blockers: string[];
    areas: { code: string; name: string; weight: number; count: number; share: number }[];
    points: { code: string; name: string; importance: string; count: number }[];
    byType: Record<ItemType, number>;
    byDifficulty: Record<string, number>;
  };
  certification: CertificationState;
  ready: boolean;
}

export interface BatchSummary {
  id: string;
  planNumber: string;
  name: string;
  occupationCode: string;
  level: number;
}
export interface BatchView extends BatchSummary {
  windows: { id: string; startsAt: string; endsAt: string }[];
  rooms: {
    id: string;
    code: string;
    name: string;
    seats: number;
    status: string;
    paused: boolean;
    candidates: number;
    proctors: string[];
  }[];
  papers: { form: string; paperId: string; hash: string }[];
  warnings: string[];
}

export interface SeatView {
  seat: number;
  candidateId: string;
  ticket: string;
  name: string;
  status: 'not_logged_in' | 'not_started' | 'in_progress' | 'paused' | 'submitted' | 'absent';
  answered: number;
  total: number;
  lastHeartbeat: string | null;
  events: number;
  remainingSeconds: number | null;
  deadline: string | null;
  transferId: string | null;
  /** The latest client event (fullscreen exit, focus loss…), server time. */
  lastEvent: { kind: string; at: string } | null;
}
/** One record of the room's audit trail (GET /rooms/:id and the live stream), newest first. */
export interface RoomLogEntry {
  seq: number;
  at: string;
  actor: string;
  actorName: string | null;
  action: string;
  candidateId: string | null;
  seat: number | null;
  name: string | null;
  detail: Record<string, unknown>;
  note: string | null;
}
export interface RoomView {
  roomId: string;
  code: string;
  name: string;
  status: string;
  paused: boolean;
  serverTime: string;
  seats: SeatView[];
  log: RoomLogEntry[];
}

export type { ItemResponse };

/** Results publicity (成绩公示) as the server reports it: GET /batches/:id/results/publicity. */
export type PublicityState = 'open' | 'awaiting_objections' | 'final';
export interface ObjectionView {
  id: string;
  ticket: string | null;
  text: string;
  raisedAt: string;
  resolution?: { outcome: 'upheld' | 'dismissed'; note: string; by: string; at: string };
}
export interface Publicity {
  publishedOn: string;
  window: { firstDay: string; lastDay: string; days: string[] };
  state: PublicityState;
  stateName: string;
  daysLeft: number;
  objections: ObjectionView[];
  finalisedAt: string | null;
  /** False when the decisions changed after publication: they must be published again. */
  matchesDecisions: boolean;
}
/** GET /batches/:id/results/certificates: what was issued, and how many who passed still await issue. */
export interface CertificateListing {
  ticket: string;
  name: string;
  number: string;
  level: number;
  levelName: string;
  issuedOn: string;
}
export interface CertificateList {
  certificates: CertificateListing[];
  awaiting: number;
}

/** Papers (apps/server/src/routes/console/papers.ts): the blueprint editor's starting point and feasibility answer. */
export interface BlueprintArea {
  code: string;
  name: string;
  weight: number;
}
export interface ApprovedCell {
  area: string;
  type: ItemType;
  difficulty: number;
  count: number;
}
export interface BankBlueprintView {
  /** The blueprint of the bank's newest assembly, as the server stored it; null before any. */
  blueprint: unknown;
  source: { seed: string; createdAt: string } | null;
  occupationName: string;
  areas: BlueprintArea[];
  approved: ApprovedCell[];
}
export interface FeasibilityProblem {
  code: string;
  zh: string;
  cell?: { area?: string; type?: ItemType; difficulty?: number };
  shortfall?: { need: number; usable: number; approved: number; excludedRecent: number; excludedUses: number };
}
export type Feasibility =
  | {
      ok: true;
      areas: { code: string; count: number }[];
      forms: { form: string; items: number; meanDifficulty: number }[];
    }
  | { ok: false; areas: { code: string; count: number }[]; message: string; problems: FeasibilityProblem[] };
export interface PaperRow {
  id: string;
  form: string;
  hash: string;
  seed: string;
  draft: boolean;
  batchId: string | null;
  createdAt: string;
}
export interface PaperItemView {
  number: number;
  code: string;
  version: number;
  area: string;
  points: number;
  content: ItemContent;
}
export interface StoredPaperView {
  id: string;
  draft: boolean;
  batchId: string | null;
  createdBy: string;
  createdAt: string;
  paper: {
    title: string;
    durationMinutes: number;
    totalScore: number;
    hash: string;
    inputs: { seed: string; form: string; snapshotHash: string; blueprintHash: string };
    sections: { type: ItemType; name: string; points: number; items: PaperItemView[] }[];
  };
}

/** Results set-up of a batch (routes/console/plan.ts): the assessment plan, panels, avoidance, applications. */
export type ComponentKind = 'theory' | 'practical' | 'review' | 'defense' | 'ability' | 'performance';
export interface PlanComponentView {
  code: string;
  name: string;
  kind: ComponentKind;
  weight: number;
  passLine: number | null;
  group?: string;
  multipleChoice?: unknown;
}
export interface AssessmentPlanView {
  occupation: { code: string; name: string; trade?: string };
  level: number;
  method: string;
  components: PlanComponentView[];
  electiveGroups: { code: string; name: string; choose: number }[];
  compositePassLine: number | null;
  panel: { assessorsPerCandidate: number; aggregation: 'mean' | 'trimmed_mean'; spreadThreshold: number };
  eligibility: {
    minAge?: number;
    retirementAge?: { male: number; female: number };
    minPensionMonths?: number;
    dispatchedMinYears?: number;
  } & Record<string, unknown>;
}
export interface PlanView {
  batch: { planNumber: string; occupationCode: string; level: number };
  plan: AssessmentPlanView | null;
  eligibilityAsOf: string | null;
  methods: { value: string; name: string }[];
  kinds: { value: ComponentKind; name: string }[];
}
/** A problem of a plan being edited; `field` is its path ('components.1.weight'), '' for the plan as a whole. */
export interface PlanProblem {
  field: string;
  message: string;
}
export interface PanelPerson {
  username: string;
  displayName: string;
}
export interface PanelSetup {
  planSet: boolean;
  assessorsPerCandidate: number;
  components: { code: string; name: string; kind: ComponentKind; leader: string | null; members: PanelPerson[] }[];
  assessors: PanelPerson[];
  candidates: { ticket: string; name: string }[];
  relations: { ticket: string; name: string; assessor: string; assessorName: string; relation: string }[];
}
export interface RecordedApplications {
  recorded: number;
  ineligible: { ticket: string; name: string; reasons: string[] }[];
}
export interface EligibilityLine {
  ticket: string;
  name: string;
  /** null: no application recorded yet. */
  result: {
    eligible: boolean;
    path: { kind: string; description: string } | null;
    reasons: string[];
    evidence: string[];
  } | null;
}
export interface EligibilityView {
  asOf: string;
  lines: EligibilityLine[];
}
