import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Role } from '@kaowu/domain';
import { isRole, STAFF_DUTIES, type StaffDuty } from '@kaowu/domain';
import type { Actor } from '@kaowu/bank';
import { audit, type Executor } from '../audit/writer.ts';
import type { ServiceContext } from '../shared/context.ts';
import { isoNow } from '../shared/context.ts';
import { authorize } from '../shared/authorize.ts';
import { fail } from '../shared/failures.ts';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/**
 * scrypt (memory-hard): N=2^15, r=8 uses 32 MiB per hash.
 * Parameters are stored with the hash so they can rise later.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, { ...COST, maxmem: 128 * 1024 * 1024 });
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return timingSafeEqual(actual, expected);
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly password?: string | undefined;
}

export async function createUser(ctx: ServiceContext, by: string, user: NewUser): Promise<void> {
  if (!/^[A-Za-z0-9_.-]{2,40}$/.test(user.username))
    throw fail.invalid(
      `用户名 ${user.username} 无效：只能用字母、数字、下划线、点和横线，2–40 个字符`,
      'invalid username',
    );
  for (const role of user.roles) if (!isRole(role)) throw fail.invalid(`角色 ${String(role)} 无效`, 'invalid role');
  // The first account bootstraps the system; after that only administrators create accounts.
  const anyone = await ctx.db.selectFrom('users').select('username').limit(1).executeTakeFirst();
  if (anyone) await authorize(ctx, by, 'user.manage');
  const exists = await ctx.db
    .selectFrom('users')
    .select('username')
    .where('username', '=', user.username)
    .executeTakeFirst();
  if (exists) throw fail.conflict(`用户 ${user.username} 已存在`, 'user exists');
  const passwordHash = user.password === undefined ? null : await hashPassword(user.password);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values({
        username: user.username,
        display_name: user.displayName,
        password_hash: passwordHash,
        locked_until: null,
        created_at: isoNow(ctx),
      })
      .execute();
    if (user.roles.length > 0)
      await trx
        .insertInto('user_roles')
        .values(user.roles.map((role) => ({ username: user.username, role })))
        .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'user.create',
      entity: 'user',
      entityId: user.username,
      detail: { roles: [...user.roles].sort() },
    });
  });
}

/** Loads a user with their roles; throws a clear error for an unknown name. */
export async function loadActor(
  ctx: { readonly db: Executor },
  username: string,
): Promise<Actor & { displayName: string }> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['username', 'display_name'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!user) throw fail.notFound(`用户 ${username} 不存在`, `unknown user ${username}`);
  const roles = await ctx.db.selectFrom('user_roles').select('role').where('username', '=', username).execute();
  return { username, displayName: user.display_name, roles: roles.map((r) => r.role).filter(isRole) };
}

/** Who is signed in, as the console needs it: name, roles, and the occupations they are registered assessors for. */
export interface Me {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  /** Occupation codes (the table's `registered` relation to a bank, for the assessors' sign-off). */
  readonly registrations: readonly string[];
  /** The duties they hold on any batch's staff (a supervisor holds no role, only this duty), in table order. */
  readonly duties: readonly StaffDuty[];
}

export async function whoAmI(ctx: { readonly db: Executor }, by: string): Promise<Me> {
  const actor = await loadActor(ctx, by);
  const rows = await ctx.db
    .selectFrom('assessor_registrations')
    .select('occupation_code')
    .where('username', '=', by)
    .orderBy('occupation_code')
    .execute();
  const duties = await ctx.db.selectFrom('batch_staff').select('duty').distinct().where('username', '=', by).execute();
  return {
    ...actor,
    registrations: rows.map((r) => r.occupation_code),
    duties: STAFF_DUTIES.filter((d) => duties.some((x) => x.duty === d)),
  };
}

export async function listUsers(
  ctx: ServiceContext,
): Promise<{ username: string; displayName: string; roles: Role[] }[]> {
  const users = await ctx.db.selectFrom('users').select(['username', 'display_name']).orderBy('username').execute();
  const roles = await ctx.db.selectFrom('user_roles').selectAll().execute();
  return users.map((u) => ({
    username: u.username,
    displayName: u.display_name,
    roles: roles
      .filter((r) => r.username === u.username)
      .map((r) => r.role)
      .filter(isRole),
  }));
}

/** Assessors are registered per occupation; only registered assessors' certifications count. */
export async function registerAssessor(
  ctx: ServiceContext,
  by: string,
  username: string,
  occupationCode: string,
): Promise<void> {
  await authorize(ctx, by, 'assessor.register');
  const actor = await loadActor(ctx, username);
  if (!actor.roles.includes('assessor'))
    throw fail.invalid(`用户 ${username} 不是考评员`, `${username} is not an assessor`);
  const occupation = await ctx.db
    .selectFrom('occupations')
    .select('code')
    .where('code', '=', occupationCode)
    .executeTakeFirst();
  if (!occupation) throw fail.notFound(`职业 ${occupationCode} 不存在`, `unknown occupation ${occupationCode}`);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('assessor_registrations')
      .values({ username, occupation_code: occupationCode, registered_at: isoNow(ctx) })
      .onConflict((oc) => oc.columns(['username', 'occupation_code']).doNothing())
      .execute();
    await audit(trx, ctx, {
      actor: by,
      action: 'assessor.register',
      entity: 'user',
      entityId: username,
      detail: { occupation: occupationCode },
    });
  });
}
