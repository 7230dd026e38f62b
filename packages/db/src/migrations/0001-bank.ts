import type { Kysely } from 'kysely';

// Released migrations are never edited: add a new file instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('users')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('user_roles')
    .addColumn('username', 'text', (c) => c.notNull().references('users.username'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['username', 'role'])
    .execute();
  await db.schema
    .createTable('occupations')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('edition', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('trades_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('assessor_registrations')
    .addColumn('username', 'text', (c) => c.notNull().references('users.username'))
    .addColumn('occupation_code', 'text', (c) => c.notNull().references('occupations.code'))
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assessor_registrations_pk', ['username', 'occupation_code'])
    .execute();
  await db.schema
    .createTable('outlines')
    .addColumn('occupation_code', 'text', (c) => c.notNull().references('occupations.code'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('outline_json', 'text', (c) => c.notNull())
    .addColumn('outline_hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outlines_pk', ['occupation_code', 'level'])
    .execute();
  await db.schema
    .createTable('items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('occupation_code', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.username'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('items_bank_code_uq', ['occupation_code', 'level', 'code'])
    .execute();
  await db.schema
    .createTable('item_versions')
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull().references('users.username'))
    .addColumn('reviewer', 'text', (c) => c.references('users.username'))
    .addColumn('review_comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_versions_pk', ['item_id', 'version'])
    .execute();
  await db.schema.createIndex('item_versions_status_idx').on('item_versions').columns(['status']).execute();
  await db.schema
    .createTable('assets')
    .addColumn('occupation_code', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('data', 'blob', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('assets_pk', ['occupation_code', 'level', 'name'])
    .execute();
  await db.schema
    .createTable('snapshots')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('occupation_code', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('members_json', 'text') // null: known only by hash (a certification loaded from a bank file)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('certifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('occupation_code', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('snapshot_hash', 'text', (c) => c.notNull().references('snapshots.hash'))
    .addColumn('assessor', 'text', (c) => c.notNull().references('users.username'))
    .addColumn('certified_at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addUniqueConstraint('certifications_once_uq', ['snapshot_hash', 'assessor'])
    .execute();
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before_hash', 'text')
    .addColumn('after_hash', 'text')
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
}
