import type { Kysely } from 'kysely';

/**
 * The audit page reads the trail by what a record concerns (entity and id: one item's history, one batch's
 * records) and by who acted, newest first. Both indexes end in seq, so a filtered page is an index range scan
 * walked backwards from the `before` cursor rather than a scan of the whole log. The room board's read of its
 * room's records uses the entity index as well.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor', 'seq']).execute();
}
