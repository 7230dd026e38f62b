import {
  type Action,
  allows,
  bankRelations,
  dutyRelations,
  PERMISSIONS,
  type Relation,
  ROLE_NAMES,
  type Role,
  whoMay,
} from '@kaowu/domain';
import type { Actor } from '@kaowu/bank';
import type { Executor } from '../audit/writer.ts';
import type { ServiceContext } from './context.ts';
import { fail } from './failures.ts';
import { loadActor } from '../accounts/users.ts';

/** What an action is about, as the table's scopes name it. */
export type AuthScope =
  | { readonly occupationCode: string }
  | { readonly batchId: string }
  | { readonly roomId: string }
  | undefined;

/** A person's relations to a batch (or one room of it): their duties on its staff, read by the table's rule. */
export async function batchRelations(
  db: Executor,
  actor: { readonly username: string; readonly roles: readonly Role[] },
  batchId: string,
  roomId?: string,
): Promise<Relation[]> {
  const rows = await db
    .selectFrom('batch_staff')
    .select(['duty', 'room_id as room'])
    .where('batch_id', '=', batchId)
    .where('username', '=', actor.username)
    .execute();
  return dutyRelations(actor.roles, rows, roomId);
}

async function relationsTo(
  db: Executor,
  actor: Actor,
  action: Action,
  scope: AuthScope,
): Promise<{ relations: Relation[]; where: string }> {
  const kind = PERMISSIONS[action].scope;
  if (scope === undefined || kind === 'global' || kind === 'attempt') return { relations: [], where: '' };
  if ('occupationCode' in scope) {
    const registered = await db
      .selectFrom('assessor_registrations')
      .select('occupation_code')
      .where('username', '=', actor.username)
      .where('occupation_code', '=', scope.occupationCode)
      .execute();
    return {
      relations: bankRelations(
        actor.roles,
        registered.map((r) => r.occupation_code),
        scope.occupationCode,
      ),
      where: `（职业 ${scope.occupationCode}）`,
    };
  }
  if ('roomId' in scope) {
    const room = await db
      .selectFrom('rooms')
      .select(['id', 'batch_id', 'code'])
      .where('id', '=', scope.roomId)
      .executeTakeFirst();
    if (!room) throw fail.notFound(`考场 ${scope.roomId} 不存在`, `no room ${scope.roomId}`);
    return { relations: await batchRelations(db, actor, room.batch_id, room.id), where: `（考场 ${room.code}）` };
  }
  const batch = await db
    .selectFrom('batches')
    .select(['id', 'plan_number'])
    .where('id', '=', scope.batchId)
    .executeTakeFirst();
  if (!batch) throw fail.notFound(`认定批次 ${scope.batchId} 不存在`, `no batch ${scope.batchId}`);
  return { relations: await batchRelations(db, actor, batch.id), where: `（批次 ${batch.plan_number}）` };
}

/**
 * The one authorisation of every use case: loads who asks (roles, and duties in the batch or room the action is
 * about), checks the permission table (@kaowu/domain permissions.ts), and refuses with a message that says what
 * was refused and who may. Returns the actor for the use case's own bookkeeping.
 */
export async function authorize(
  ctx: ServiceContext,
  by: string,
  action: Action,
  scope?: AuthScope,
  db: Executor = ctx.db,
): Promise<Actor & { displayName: string }> {
  const actor = await loadActor({ db }, by);
  const rule = PERMISSIONS[action];
  // A role the table names (an administrator, say) needs no look-up of duties; a role-only rule refuses at once.
  if (allows(actor, action)) return actor;
  if (rule.relations.length === 0)
    throw fail.forbidden(
      `用户 ${by} 没有${rule.roles.map((r) => ROLE_NAMES[r]).join('或')}权限，无权${rule.zh}`,
      `user ${by} may not ${rule.en}: lacks role ${rule.roles.join('|')}`,
    );
  const { relations, where } = await relationsTo(db, actor, action, scope);
  if (allows({ roles: actor.roles, relations }, action)) return actor;
  throw fail.forbidden(`用户 ${by} 无权${rule.zh}${where}：只有${whoMay(action)}可以`, `user ${by} may not ${rule.en}`);
}

/** For filters (which batches to list): whether the actor may do the action in a batch, without throwing. */
export async function mayInBatch(
  db: Executor,
  actor: { readonly username: string; readonly roles: readonly Role[] },
  action: Action,
  batchId: string,
): Promise<boolean> {
  if (allows(actor, action)) return true;
  return allows({ roles: actor.roles, relations: await batchRelations(db, actor, batchId) }, action);
}
