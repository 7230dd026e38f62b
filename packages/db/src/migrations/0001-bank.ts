import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.ts';

// Released migrations are never edited: add a new file instead. (Running them on PostgreSQL changed only the
// PostgreSQL column types, through columnTypes(); the SQLite DDL is as released.)
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('settings')
    .addColumn('key', t.text, (c) => c.primaryKey())
    .addColumn('value', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('users')
    .addColumn('username', t.text, (c) => c.primaryKey())
    .addColumn('display_name', t.text, (c) => c.notNull())
    .addColumn('password_hash', t.text)
    .addColumn('failed_logins', t.integer, (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', t.text)
    .addColumn('created_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('user_roles')
    .addColumn('username', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('role', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['username', 'role'])
    .execute();
  await db.schema
    .createTable('occupations')
    .addColumn('code', t.text, (c) => c.primaryKey())
    .addColumn('edition', t.integer, (c) => c.notNull())
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('trades_json', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('assessor_registrations')
    .addColumn('username', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('occupation_code', t.text, (c) => c.notNull().references('occupations.code'))
    .addColumn('registered_at', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('assessor_registrations_pk', ['username', 'occupation_code'])
    .execute();
  await db.schema
    .createTable('outlines')
    .addColumn('occupation_code', t.text, (c) => c.notNull().references('occupations.code'))
    .addColumn('level', t.integer, (c) => c.notNull())
    .addColumn('basis', t.text, (c) => c.notNull())
    .addColumn('outline_json', t.text, (c) => c.notNull())
    .addColumn('outline_hash', t.text, (c) => c.notNull())
    .addColumn('updated_at', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('outlines_pk', ['occupation_code', 'level'])
    .execute();
  await db.schema
    .createTable('items')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('occupation_code', t.text, (c) => c.notNull())
    .addColumn('level', t.integer, (c) => c.notNull())
    .addColumn('code', t.text, (c) => c.notNull())
    .addColumn('created_by', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('created_at', t.text, (c) => c.notNull())
    .addUniqueConstraint('items_bank_code_uq', ['occupation_code', 'level', 'code'])
    .execute();
  await db.schema
    .createTable('item_versions')
    .addColumn('item_id', t.text, (c) => c.notNull().references('items.id'))
    .addColumn('version', t.integer, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('content_json', t.text, (c) => c.notNull())
    .addColumn('content_hash', t.text, (c) => c.notNull())
    .addColumn('author', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('reviewer', t.text, (c) => c.references('users.username'))
    .addColumn('review_comment', t.text)
    .addColumn('created_at', t.text, (c) => c.notNull())
    .addColumn('updated_at', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('item_versions_pk', ['item_id', 'version'])
    .execute();
  await db.schema.createIndex('item_versions_status_idx').on('item_versions').columns(['status']).execute();
  await db.schema
    .createTable('assets')
    .addColumn('occupation_code', t.text, (c) => c.notNull())
    .addColumn('level', t.integer, (c) => c.notNull())
    .addColumn('name', t.text, (c) => c.notNull())
    .addColumn('mime', t.text, (c) => c.notNull())
    .addColumn('data', t.blob, (c) => c.notNull())
    .addColumn('hash', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('assets_pk', ['occupation_code', 'level', 'name'])
    .execute();
  await db.schema
    .createTable('snapshots')
    .addColumn('hash', t.text, (c) => c.primaryKey())
    .addColumn('occupation_code', t.text, (c) => c.notNull())
    .addColumn('level', t.integer, (c) => c.notNull())
    .addColumn('members_json', t.text) // null: known only by hash (a certification loaded from a bank file)
    .addColumn('created_at', t.text, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('certifications')
    .addColumn('id', t.text, (c) => c.primaryKey())
    .addColumn('occupation_code', t.text, (c) => c.notNull())
    .addColumn('level', t.integer, (c) => c.notNull())
    .addColumn('snapshot_hash', t.text, (c) => c.notNull().references('snapshots.hash'))
    .addColumn('assessor', t.text, (c) => c.notNull().references('users.username'))
    .addColumn('certified_at', t.text, (c) => c.notNull())
    .addColumn('comment', t.text, (c) => c.notNull())
    .addUniqueConstraint('certifications_once_uq', ['snapshot_hash', 'assessor'])
    .execute();
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', t.integer, (c) => c.primaryKey())
    .addColumn('at', t.text, (c) => c.notNull())
    .addColumn('actor', t.text, (c) => c.notNull())
    .addColumn('action', t.text, (c) => c.notNull())
    .addColumn('entity', t.text, (c) => c.notNull())
    .addColumn('entity_id', t.text, (c) => c.notNull())
    .addColumn('before_hash', t.text)
    .addColumn('after_hash', t.text)
    .addColumn('detail_json', t.text, (c) => c.notNull())
    .addColumn('prev_hash', t.text, (c) => c.notNull())
    .addColumn('hash', t.text, (c) => c.notNull())
    .execute();
}
