import type { Generated } from 'kysely';

/**
 * The database schema as a TypeScript interface. Dialect-neutral on purpose: text keys (usernames,
 * UUIDs), ISO-8601 text timestamps, integer booleans and JSON in text, so SQLite and PostgreSQL share
 * one set of migrations.
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
  user_roles: { username: string; role: string };
  assessor_registrations: { username: string; occupation_code: string; registered_at: string };
  occupations: { code: string; edition: number; name: string; trades_json: string };
  outlines: {
    occupation_code: string;
    level: number;
    basis: string;
    outline_json: string;
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
    status: string;
    content_json: string;
    content_hash: string;
    author: string;
    reviewer: string | null;
    review_comment: string | null;
    created_at: string;
    updated_at: string;
  };
  assets: { occupation_code: string; level: number; name: string; mime: string; data: Uint8Array; hash: string };
  snapshots: { hash: string; occupation_code: string; level: number; members_json: string | null; created_at: string };
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
    blueprint_json: string;
    blueprint_hash: string;
    seed: string;
    /** The exposure history the assembler was given, so verification can re-run it exactly. */
    usage_json: string;
    /** The outline the paper's areas were read from. */
    outline_json: string;
    paper_json: string;
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
    detail_json: string;
    prev_hash: string;
    hash: string;
  };
}
