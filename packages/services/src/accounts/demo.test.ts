import { openDatabase } from '@kaowu/db';
import { testDbTarget } from '@kaowu/db/test-target';
import { describe, expect, it } from 'vitest';
import { createDemoAccounts, DEMO_ACCOUNTS, isEmptyDatabase, listUsers } from '../index.ts';
import { refusal, testContext } from '../testing/index.ts';

describe('demo accounts', () => {
  it('are created with their roles in an empty database, and refused once it has accounts', async () => {
    const { ctx } = testContext(await openDatabase(testDbTarget(':memory:')));
    expect(await isEmptyDatabase(ctx)).toBe(true);
    await createDemoAccounts(ctx);
    expect(await isEmptyDatabase(ctx)).toBe(false);
    const users = await listUsers(ctx);
    expect(users.map((u) => [u.username, u.roles]).sort()).toEqual(
      DEMO_ACCOUNTS.map((u) => [u.username, [...u.roles]]).sort(),
    );
    expect(await refusal(createDemoAccounts(ctx))).toMatchObject({ code: 'conflict', message: /已有用户/ });
  });
});
