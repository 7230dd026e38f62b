import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issuedBatchFixture } from '@kaowu/services/testing';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { kaowu } from '../testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'kaowu-cert-cli-'));
const db = join(dir, 'kaowu.db');
let number: string;

beforeAll(async () => {
  const f = await issuedBatchFixture(3, { path: db });
  number = (await f.ctx.db.selectFrom('certificates').select('number').orderBy('number').executeTakeFirstOrThrow())
    .number;
  await f.ctx.db.destroy();
}, 60_000);

describe('kaowu certificate', () => {
  it('exports the zip, verifies a genuine PDF with the public key alone, rejects an altered one', async () => {
    const zip = join(dir, 'certs.zip');
    const pdf = await kaowu('certificate', 'pdf', '--batch', 'RD2026-001', '--out', zip, '--as', 'admin', '--db', db);
    expect(pdf.stdout).toContain('份电子证书');
    expect(pdf.code).toBe(0);
    const files = unzipSync(new Uint8Array(readFileSync(zip)));
    const [name, data] = Object.entries(files)[0]!;
    expect(name.startsWith(number)).toBe(true);
    const file = join(dir, 'c.pdf');
    writeFileSync(file, data);
    const key = join(dir, 'key.jwk');
    expect((await kaowu('certificate', 'public-key', '--out', key, '--db', db)).code).toBe(0);

    const ok = await kaowu('certificate', 'verify', file, '--key', key);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('查验通过');
    expect(ok.stdout).toContain(number);

    // The payload changed (another sequence number), the signature kept: refused.
    const text = Buffer.from(data).toString('latin1');
    const token = /kaowu-certificate-token:([A-Za-z0-9_\-.]+)/.exec(text)![1]!;
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, n: `${number.slice(0, 16)}000999` })).toString('base64url')}.${s}`;
    const altered = join(dir, 'altered.pdf');
    writeFileSync(altered, Buffer.from(text.replaceAll(token, forged), 'latin1'));
    const bad = await kaowu('certificate', 'verify', altered, '--key', key);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('查验未通过');
  }, 180_000);

  it('revokes with a reason as an administrator only', async () => {
    const denied = await kaowu(
      'certificate',
      'revoke',
      number,
      '--reason',
      '弄虚作假',
      '--as',
      'proctor_a',
      '--db',
      db,
    );
    expect(denied.code).toBe(4);
    const done = await kaowu('certificate', 'revoke', number, '--reason', '弄虚作假', '--as', 'admin', '--db', db);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`已注销证书 ${number}`);
  }, 90_000);
});
