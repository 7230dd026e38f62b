import { openDatabase } from '@kaowu/db';
import type { Outline } from '@kaowu/domain';
import { createContext, createUser, importOutline } from '@kaowu/services';
import { TEST_PASSWORD } from '@kaowu/services/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server.ts';
import { client, newClock, seedFile, staffToken, tempDb, type Client } from '../../testing/harness.ts';

let server: RunningServer;
let api: Client;
let dbPath: string;
const tokens: Record<string, string> = {};
const ASSETS = '/api/banks/6-31-01-03/5/assets';
const OUTLINE: Outline = {
  occupation: { code: '6-31-01-03', edition: 2022, name: '电工' },
  level: 5,
  basis: '测试用细目表',
  areas: [{ code: 'A', name: '安全', weight: 100, points: [{ code: 'A001', name: '安全电压', importance: 'X' }] }],
};
// A 1×1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
// A 1×1 GIF.
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

beforeAll(async () => {
  const clock = newClock();
  dbPath = tempDb();
  await seedFile(dbPath, clock);
  const db = await openDatabase(dbPath);
  const ctx = createContext(db, { now: () => new Date(clock.now) });
  await importOutline(ctx, 'admin', OUTLINE);
  await createUser(ctx, 'admin', { username: 'wang', displayName: '王', roles: ['author'], password: TEST_PASSWORD });
  await db.destroy();
  server = await startServer({ dbPath, port: 0, now: () => new Date(clock.now), sweepMs: 60_000 });
  api = client(server.url);
  for (const u of ['wang', 'proctor_a']) tokens[u] = await staffToken(api, u);
});
afterAll(() => server.close());

const upload = (name: string, type: string, data: Uint8Array, token = tokens.wang) =>
  api.call('POST', `${ASSETS}?name=${encodeURIComponent(name)}`, {
    token,
    raw: data,
    headers: { 'content-type': type },
  });

describe('bank assets', () => {
  it('uploads an image, serves it back to staff with its type, and audits the save', async () => {
    const saved = await upload('接线图.png', 'image/png', PNG);
    expect([saved.status, saved.body.outcome, saved.body.size]).toEqual([201, 'created', PNG.length]);
    expect((await upload('接线图.png', 'image/png', PNG)).body.outcome).toBe('unchanged');
    const res = await fetch(`${server.url}${ASSETS}/${encodeURIComponent('接线图.png')}`, {
      headers: { authorization: `Bearer ${tokens.wang}` },
    });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    const db = await openDatabase(dbPath);
    const audited = await db
      .selectFrom('audit_log')
      .select(['actor', 'entity_id'])
      .where('action', '=', 'asset.save')
      .execute();
    await db.destroy();
    expect(audited).toEqual([{ actor: 'wang', entity_id: '6-31-01-03/5/接线图.png' }]);
  });

  it('refuses other types, a mismatched extension and a bad name', async () => {
    const svg = await upload('a.svg', 'image/svg+xml', Buffer.from('<svg/>'));
    expect([svg.status, svg.body.error.message]).toEqual([400, expect.stringContaining('只允许 png、jpg、gif、webp')]);
    expect((await upload('a.gif', 'image/png', PNG)).body.error.message).toContain('扩展名');
    expect((await upload('../x.png', 'image/png', PNG)).status).toBe(400);
  });

  it('checks the bytes, not the declared type: a renamed or fake image is refused and nothing is stored', async () => {
    const renamed = await upload('仪表.png', 'image/png', GIF);
    expect([renamed.status, renamed.body.error.message]).toEqual([
      400,
      '图片 仪表.png 的内容是 GIF 图片，与声明的类型 image/png 不符，请按实际格式改正扩展名后重新上传',
    ]);
    const fake = await upload('脚本.jpg', 'image/jpeg', Buffer.from('<script>alert(1)</script>'));
    expect([fake.status, fake.body.error.message]).toEqual([
      400,
      '文件 脚本.jpg 的内容不是 image/jpeg 图片，请上传真正的 png、jpg、gif 或 webp 图片',
    ]);
    const pdf = await upload('说明.png', 'image/png', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'));
    expect(pdf.body.error.message).toBe(
      '文件 说明.png 的内容不是 image/png 图片（实际为 application/pdf），请上传真正的 png、jpg、gif 或 webp 图片',
    );
    for (const name of ['仪表.png', '脚本.jpg', '说明.png'])
      expect(
        (
          await fetch(`${server.url}${ASSETS}/${encodeURIComponent(name)}`, {
            headers: { authorization: `Bearer ${tokens.wang}` },
          })
        ).status,
      ).toBe(404);
    const gif = await upload('仪表.gif', 'image/gif', GIF);
    expect([gif.status, gif.body.outcome]).toEqual([201, 'created']);
  });

  it('keeps assets to authoring staff, and answers 404 for an unknown one', async () => {
    expect((await fetch(`${server.url}${ASSETS}/x.png`)).status).toBe(401);
    expect(
      (await fetch(`${server.url}${ASSETS}/x.png`, { headers: { authorization: `Bearer ${tokens.proctor_a}` } }))
        .status,
    ).toBe(403);
    expect((await upload('x.png', 'image/png', PNG, tokens.proctor_a)).status).toBe(403);
    expect(
      (await fetch(`${server.url}${ASSETS}/missing.png`, { headers: { authorization: `Bearer ${tokens.wang}` } }))
        .status,
    ).toBe(404);
  });

  // Last: the server answers 413 before reading the body and closes that connection.
  it('refuses a file over 2 MB', async () => {
    expect((await upload('big.png', 'image/png', new Uint8Array(2 * 1024 * 1024 + 2048))).status).toBe(413);
  });
});
