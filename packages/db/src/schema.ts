import type {
  AnswerKey,
  ApplicationFacts,
  AssessmentPlan,
  AttemptStatus,
  Blueprint,
  Calibration,
  Decision,
  DecisionOutcome,
  EligibilityResult,
  IdentityCheckStatus,
  ItemContent,
  ItemResponse,
  ItemStatus,
  ObjectionOutcome,
  Outline,
  Paper,
  Role,
  RoomStatus,
  StaffDuty,
  StartFrameOutcome,
  SupervisionReport,
  TheoryScore,
  UsageHistory,
} from '@kaowu/domain';
import type { Finding, ItemStats, RaschItem, RaschItemStatus, TestStats } from '@kaowu/analysis';
import type { Generated } from 'kysely';
import type { Json } from './json.ts';

export type TransferStatus = 'pending' | 'approved' | 'superseded';

/** What a stored theory score keeps: totals per section and outline area, and each item as [code, verdict, earned]. */
export interface TheoryDetail {
  readonly earned: number;
  readonly max: number;
  readonly score: number;
  readonly sections: TheoryScore['sections'];
  readonly areas: TheoryScore['areas'];
  readonly items: readonly (readonly [string, string, number])[];
}

/** An audit record's or a client event's detail: a JSON object of whatever the action reports. */
type Detail = Record<string, unknown>;

/**
 * The database schema as a TypeScript interface. Dialect-neutral on purpose: text keys (usernames,
 * UUIDs), ISO-8601 text timestamps, integer booleans and JSON in text, so SQLite and PostgreSQL share
 * one set of migrations. Each JSON column is a `Json<T>` of the value it holds (see json.ts).
 */
export interface Database {
  settings: { key: string; value: string };
  users: {
    username: string;
    display_name: string;
    password_hash: string | null;
    failed_logins: Generated<number>;
    locked_until: string | null;
    created_at: string;
  };
  user_roles: { username: string; role: Role };
  assessor_registrations: { username: string; occupation_code: string; registered_at: string };
  occupations: { code: string; edition: number; name: string; trades_json: Json<readonly string[]> };
  outlines: {
    occupation_code: string;
    level: number;
    basis: string;
    outline_json: Json<Outline>;
    outline_hash: string;
    updated_at: string;
  };
  items: {
    id: string;
    occupation_code: string;
    level: number;
    code: string;
    created_by: string;
    created_at: string;
  };
  item_versions: {
    item_id: string;
    version: number;
    status: ItemStatus;
    content_json: Json<ItemContent>;
    content_hash: string;
    author: string;
    reviewer: string | null;
    review_comment: string | null;
    created_at: string;
    updated_at: string;
  };
  assets: { occupation_code: string; level: number; name: string; mime: string; data: Uint8Array; hash: string };
  snapshots: {
    hash: string;
    occupation_code: string;
    level: number;
    members_json: Json<readonly (readonly [code: string, contentHash: string])[]> | null;
    created_at: string;
  };
  certifications: {
    id: string;
    occupation_code: string;
    level: number;
    snapshot_hash: string;
    assessor: string;
    certified_at: string;
    comment: string;
  };
  papers: {
    id: string;
    occupation_code: string;
    level: number;
    form: string;
    /** Papers assembled together (parallel forms) share an assembly id. */
    assembly_id: string;
    snapshot_hash: string;
    blueprint_json: Json<Blueprint>;
    blueprint_hash: string;
    seed: string;
    /** The exposure history the assembler was given, so verification can re-run it exactly. */
    usage_json: Json<UsageHistory>;
    /** The outline the paper's areas were read from. */
    outline_json: Json<Outline>;
    /** The calibrated difficulties assembly was given (migration 0020); null: none (every item at its band). */
    calibration_json: Json<Calibration> | null;
    paper_json: Json<Paper>;
    paper_hash: string;
    draft: number;
    batch_id: string | null;
    created_by: string;
    created_at: string;
  };
  audit_log: {
    seq: number;
    at: string;
    actor: string;
    action: string;
    entity: string;
    entity_id: string;
    before_hash: string | null;
    after_hash: string | null;
    detail_json: Json<Detail>;
    prev_hash: string;
    hash: string;
  };
  batches: {
    id: string;
    plan_number: string;
    name: string;
    occupation_code: string;
    level: number;
    /** Generated 准考证号 start with it, so tickets never collide across batches. */
    ticket_prefix: string;
    /** Safe Exam Browser Config Key; null: SEB not required. */
    seb_config_key: string | null;
    /** 1: candidates see their score on submitting. */
    show_score: Generated<number>;
    /** 1: the exam client asks for one webcam frame at 开始答题 (migration 0012). */
    webcam_frame: Generated<number>;
    created_by: string;
    created_at: string;
  };
  exam_windows: { id: string; batch_id: string; starts_at: string; ends_at: string };
  rooms: {
    id: string;
    batch_id: string;
    code: string;
    name: string;
    seats: number;
    /** Seats per row, for the seat plan's neighbours. */
    columns: number;
    window_id: string;
    status: RoomStatus;
    paused_at: string | null;
    opened_at: string | null;
    closed_at: string | null;
  };
  batch_staff: { batch_id: string; username: string; duty: StaffDuty; room_id: string };
  candidates: {
    id: string;
    batch_id: string;
    ticket: string;
    name: string;
    id_number: string;
    sex: string;
    birth_date: string;
    education: string;
    unit: string;
    occupation_years: number;
    room_id: string;
    seat: number;
    absent: number;
    created_at: string;
  };
  attempts: {
    id: string;
    candidate_id: string;
    paper_id: string;
    /** not_started (logged in, clock not running) → in_progress → submitted. */
    status: AttemptStatus;
    /** When the candidate started (开始答题); null while not_started. */
    started_at: string | null;
    duration_ms: number;
    extension_ms: number;
    paused_ms: number;
    paused_since: string | null;
    self_paused: number;
    deadline_at: string | null;
    device_id: string;
    session_id: string | null;
    submitted_at: string | null;
    submitted_by: string | null;
    submit_reason: string | null;
    score: number | null;
    score_json: Json<TheoryDetail & Pick<TheoryScore, 'unknownResponses'>> | null;
  };
  answers: {
    attempt_id: string;
    item_code: string;
    response_json: Json<ItemResponse>;
    canonical_json: Json<ItemResponse>;
    seq: number;
    saved_at: string;
  };
  attempt_events: {
    id: string;
    attempt_id: string;
    kind: string;
    detail_json: Json<Detail>;
    client_at: string | null;
    at: string;
  };
  device_transfers: {
    id: string;
    attempt_id: string;
    from_device: string;
    to_device: string;
    status: TransferStatus;
    requested_at: string;
    decided_by: string | null;
    decided_at: string | null;
  };
  incidents: {
    id: string;
    room_id: string;
    candidate_id: string | null;
    note: string;
    recorded_by: string;
    recorded_at: string;
  };
  staff_sessions: { id: string; username: string; created_at: string; expires_at: string; revoked_at: string | null };
  server_secrets: { name: string; value: string; created_at: string };
}

/**
 * Results (migration 0004): merged into `Database` above by declaration merging, so each migration's tables sit apart.
 */
export interface Database {
  batch_plans: {
    batch_id: string;
    plan_json: Json<AssessmentPlan>;
    plan_hash: string;
    eligibility_as_of: string;
    set_by: string;
    set_at: string;
  };
  candidate_applications: {
    candidate_id: string;
    batch_id: string;
    application_json: Json<ApplicationFacts>;
    updated_by: string;
    updated_at: string;
  };
  candidate_electives: { candidate_id: string; batch_id: string; group_code: string; component_code: string };
  panel_members: { batch_id: string; component_code: string; username: string; leader: number };
  panel_relations: {
    batch_id: string;
    candidate_id: string;
    username: string;
    relation: string;
    recorded_by: string;
    recorded_at: string;
  };
  score_entries: {
    id: string;
    batch_id: string;
    seq: number;
    candidate_id: string;
    component_code: string;
    assessor: string;
    kind: string;
    value: number | null;
    absent: number;
    entered_by: string;
    entered_at: string;
    source: string;
  };
  spread_resolutions: {
    batch_id: string;
    candidate_id: string;
    component_code: string;
    resolved_by: string;
    reason: string;
    resolved_at: string;
  };
  key_corrections: {
    id: string;
    batch_id: string;
    paper_id: string;
    item_code: string;
    key_json: Json<AnswerKey>;
    reason: string;
    corrected_by: string;
    corrected_at: string;
  };
  theory_scores: {
    candidate_id: string;
    batch_id: string;
    attempt_id: string;
    score: number;
    detail_json: Json<TheoryDetail>;
    basis_hash: string;
    scored_at: string;
  };
  decisions: {
    candidate_id: string;
    batch_id: string;
    outcome: DecisionOutcome;
    composite: number | null;
    decision_json: Json<Decision>;
    eligibility_json: Json<EligibilityResult | null>;
    computed_by: string;
    computed_at: string;
  };
  publicities: {
    batch_id: string;
    published_on: string;
    working_days: number;
    count_publication_day: number;
    first_day: string;
    last_day: string;
    decisions_hash: string;
    published_by: string;
    published_at: string;
    finalised_by: string | null;
    finalised_at: string | null;
  };
  objections: {
    id: string;
    batch_id: string;
    candidate_id: string | null;
    text: string;
    raised_at: string;
    recorded_by: string;
    outcome: string | null;
    note: string | null;
    resolved_by: string | null;
    resolved_at: string | null;
  };
  certificate_sequences: { prefix: string; last_sequence: number };
  certificates: {
    number: string;
    batch_id: string;
    candidate_id: string;
    prefix: string;
    sequence: number;
    issued_on: string;
    issued_by: string;
    issued_at: string;
  };
}

/** Internal supervision (migration 0008): the 附件2 report of a batch and the supervisors' signatures. */
export interface Database {
  supervision_reports: {
    batch_id: string;
    report_json: Json<SupervisionReport>;
    report_hash: string;
    total: number;
    vetoed: number;
    updated_by: string;
    updated_at: string;
  };
  supervision_signatures: { batch_id: string; username: string; signed_at: string; report_hash: string };
  // Item analysis (统计分析, migration 0010); form '' = all forms pooled.
  batch_stats: {
    batch_id: string;
    form: string;
    test_json: Json<StoredTestStats>;
    computed_by: string;
    computed_at: string;
  };
  item_stats: {
    batch_id: string;
    form: string;
    item_code: string;
    item_version: number;
    n: number;
    facility: number | null;
    discrimination: number | null;
    flag_count: number;
    stats_json: Json<StoredItemStats>;
    flags_json: Json<readonly Finding[]>;
  };
  item_calibrations: {
    occupation_code: string;
    level: number;
    item_code: string;
    item_version: number;
    status: CalibrationStatus;
    n: number;
    difficulty: number | null;
    se: number | null;
    infit: number | null;
    outfit: number | null;
    /** how many batches' responses the calibration pooled */
    batches: number;
    calibrated_at: string;
  };
}

/** Statistics reviewed (migration 0019): a flagged item version kept as it is, per batch, with the comment. */
export interface Database {
  item_stats_decisions: {
    batch_id: string;
    item_code: string;
    item_version: number;
    decision: 'keep';
    comment: string;
    decided_by: string;
    decided_at: string;
  };
}

/** A calibration's verdict on an item version: the Rasch status, or too few presenters to calibrate. */
export type CalibrationStatus = RaschItemStatus | 'too_few';

/** A batch's test statistics as stored: the summary, and who was left out and why. */
export interface StoredTestStats extends TestStats {
  readonly excluded: { readonly absent: number; readonly notSubmitted: number; readonly unscored: number };
}

/** An item's statistics in one batch: classical figures, and its Rasch figures within the batch. */
export interface StoredItemStats extends ItemStats {
  readonly type: string;
  readonly band: number;
  readonly rasch: RaschItem | null;
  /** observed proportion correct per score group (fifths of the ranked candidates) and their mean ability */
  readonly icc: readonly { readonly n: number; readonly observed: number; readonly theta: number | null }[];
}

/** Electronic certificates (migration 0011): revocations (证书注销). */
export interface Database {
  certificate_revocations: { number: string; reason: string; revoked_by: string; revoked_at: string };
  /** Numbers the authority assigned (certificate.numbering = authority), imported before issuing. */
  certificate_assignments: {
    candidate_id: string;
    batch_id: string;
    number: string;
    imported_by: string;
    imported_at: string;
  };
}

/** 实名制 and accommodations (migration 0012): roster photos, accommodations, 实名核验, the 开始答题 webcam frame. */
export interface Database {
  candidate_photos: {
    candidate_id: string;
    mime: string;
    data: Uint8Array;
    hash: string;
    uploaded_by: string;
    uploaded_at: string;
  };
  candidate_accommodations: {
    candidate_id: string;
    extra_minutes: number;
    time_factor: number;
    large_font: number;
    updated_by: string;
    updated_at: string;
  };
  identity_checks: {
    candidate_id: string;
    status: IdentityCheckStatus;
    note: string | null;
    checked_by: string;
    checked_at: string;
  };
  start_frames: {
    candidate_id: string;
    outcome: StartFrameOutcome;
    mime: string | null;
    data: Uint8Array | null;
    reason: string | null;
    at: string;
  };
}

/** The exam day (migration 0013): staff changes after the start, the published candidate list, its objections. */
export interface Database {
  staff_changes: {
    id: string;
    batch_id: string;
    staff_json: Json<readonly { username: string; duty: StaffDuty; room?: string | undefined }[]>;
    reason: string;
    proposed_by: string;
    proposed_at: string;
    confirmed_by: string | null;
    confirmed_at: string | null;
  };
  candidate_lists: {
    batch_id: string;
    published_on: string;
    working_days: number;
    count_publication_day: number;
    first_day: string;
    last_day: string;
    tickets_json: Json<readonly string[]>;
    published_by: string;
    published_at: string;
  };
  candidate_list_objections: {
    id: string;
    batch_id: string;
    candidate_id: string | null;
    text: string;
    raised_at: string;
    recorded_by: string;
    outcome: ObjectionOutcome | null;
    note: string | null;
    resolved_by: string | null;
    resolved_at: string | null;
  };
  practical_sheet_signoffs: {
    sheet_id: string;
    batch_id: string;
    candidate_id: string;
    component_code: string;
    assessor: string;
    total: number;
    signed_at: string;
  };
  external_supervision_reports: {
    batch_id: string;
    report_json: Json<SupervisionReport>;
    report_hash: string;
    total: number;
    vetoed: number;
    updated_by: string;
    updated_at: string;
  };
  external_supervision_signatures: {
    batch_id: string;
    username: string;
    duty: 'supervisor' | 'external_supervisor';
    signed_at: string;
    report_hash: string;
  };
}

/** Filing, archives and the destruction register (migration 0016). */
export interface Database {
  filing_steps: { batch_id: string; step: string; done_on: string; done_by: string; recorded_at: string };
  batch_archives: {
    id: string;
    batch_id: string;
    manifest_hash: string;
    audit_head: string;
    paper_until: string;
    electronic_until: string;
    archived_by: string;
    archived_at: string;
  };
  destructions: {
    id: string;
    batch_id: string;
    what: string;
    manifest_hash: string;
    retained_until: string;
    destroyed_by: string;
    destroyed_at: string;
  };
}

/**
 * Request budgets shared by every server on one PostgreSQL database (migration 0024), written by
 * rate-limiter-flexible's RateLimiterPostgres (apps/server middleware/rate-limit), never through Kysely: the
 * key is `<limit>:<key>`, points are spent in the window ending at `expire` (ms since the epoch).
 */
export interface Database {
  rate_limits: { key: string; points: number; expire: number | null };
}
