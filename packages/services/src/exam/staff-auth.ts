import type { Role } from '@kaowu/domain';
import { audit } from '../audit/writer.ts';
import { hashPassword, loadActor, verifyPassword } from '../accounts/users.ts';
import { KaowuError } from '@kaowu/domain';
import type { ExamRuntime } from './runtime.ts';
import { randomToken, STAFF_TOKEN_TTL_S, type StaffClaims } from './tokens.ts';

/** Repeated failures lock the account for a while: 5 wrong passwords in a row lock it for 15 minutes. */
export const LOCKOUT = { maxFailures: 5, minutes: 15 } as const;

export interface StaffSession {
  readonly token: string;
  readonly csrf: string;
  readonly expiresAt: number;
  readonly user: { username: string; displayName: string; roles: Role[] };
}

// Unknown users cost the same scrypt as known ones, so timing does not reveal which names exist.
let decoy: Promise<string> | undefined;

const refused = () => new KaowuError('unauthorized', '用户名或密码错误', 'wrong user name or password');

export async function staffLogin(rt: ExamRuntime, username: string, password: string): Promise<StaffSession> {
  const { ctx } = rt;
  const now = ctx.now();
  const user = await ctx.db
    .selectFrom('users')
    .select(['username', 'password_hash', 'failed_logins', 'locked_until'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user || user.password_hash === null) {
    decoy ??= hashPassword('kaowu-decoy');
    await verifyPassword(password, await decoy);
    throw refused();
  }
  if (user.locked_until !== null && Date.parse(user.locked_until) > now.getTime()) {
    const minutes = Math.ceil((Date.parse(user.locked_until) - now.getTime()) / 60_000);
    throw new KaowuError(
      'locked',
      `密码连续错误次数过多，账号已锁定，请 ${minutes} 分钟后再试`,
      `account locked for ${minutes} more minutes`,
    );
  }
  if (!(await verifyPassword(password, user.password_hash))) {
    const failures = user.failed_logins + 1;
    const lock = failures >= LOCKOUT.maxFailures;
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({
          failed_logins: lock ? 0 : failures,
          locked_until: lock ? new Date(now.getTime() + LOCKOUT.minutes * 60_000).toISOString() : user.locked_until,
        })
        .where('username', '=', username)
        .execute();
      if (lock)
        await audit(trx, ctx, {
          actor: 'system',
          action: 'user.lock',
          entity: 'user',
          entityId: username,
          detail: { failures },
        });
    });
    if (lock)
      throw new KaowuError(
        'locked',
        `密码连续错误 ${LOCKOUT.maxFailures} 次，账号已锁定 ${LOCKOUT.minutes} 分钟`,
        'account locked',
      );
    throw refused();
  }
  const sessionId = randomToken();
  const csrf = randomToken();
  const signed = await rt.tokens.sign({ kind: 'staff', username, sessionId, csrf });
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('username', '=', username)
      .execute();
    await trx
      .insertInto('staff_sessions')
      .values({
        id: sessionId,
        username,
        created_at: now.toISOString(),
        expires_at: new Date(signed.expiresAt).toISOString(),
        revoked_at: null,
      })
      .execute();
    await audit(trx, ctx, { actor: username, action: 'staff.login', entity: 'user', entityId: username });
  });
  const actor = await loadActor(ctx, username);
  return {
    token: signed.token,
    csrf,
    expiresAt: signed.expiresAt,
    user: { username, displayName: actor.displayName, roles: [...actor.roles] },
  };
}

/** The signed-in staff member, or 401: a tampered, expired, revoked or non-staff token is refused. */
export async function authenticateStaff(rt: ExamRuntime, token: string): Promise<StaffClaims> {
  const claims = await rt.tokens.verify(token);
  if (claims.kind !== 'staff') throw new KaowuError('unauthorized', '需要工作人员登录', 'not a staff token');
  const session = await rt.ctx.db
    .selectFrom('staff_sessions')
    .select(['revoked_at'])
    .where('id', '=', claims.sessionId)
    .executeTakeFirst();
  if (!session || session.revoked_at !== null)
    throw new KaowuError('token_revoked', '登录已失效，请重新登录', 'staff session revoked');
  return claims;
}

export async function staffLogout(rt: ExamRuntime, claims: StaffClaims): Promise<void> {
  await rt.ctx.db
    .updateTable('staff_sessions')
    .set({ revoked_at: rt.ctx.now().toISOString() })
    .where('id', '=', claims.sessionId)
    .execute();
}

export { STAFF_TOKEN_TTL_S };
