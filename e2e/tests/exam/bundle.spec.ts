import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../../support/fixtures.ts';
import { REPO } from '../../support/server.ts';

const DIST = join(REPO, 'apps/exam-client/dist');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );

test.describe("what reaches the candidate's browser", () => {
  test('the bundle has no source maps, no bank content and no answer key', async () => {
    const all = files(DIST);
    expect(all.filter((f) => f.endsWith('.map'))).toEqual([]);
    const text = all
      .filter((f) => /\.(js|css|html)$/.test(f))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    expect(text).not.toContain('sourceMappingURL');
    // Bank content (stems, keys, explanations) lives only in the server's database: none of it may be bundled.
    const bank = join(REPO, 'question-banks/6-31-01-03-电工/5/items');
    const content = files(bank).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/(?:stem|explanation):\s*(.{12,})/g)].map((m) =>
        m[1]!.replace(/^['"]/, '').slice(0, 12),
      ),
    );
    expect(content.length).toBeGreaterThan(1000);
    for (const fragment of content)
      if (text.includes(fragment)) throw new Error(`bank content in the bundle: ${fragment}`);
  });

  // Nor does anything stored locally.
  test('the paper the client receives carries no key, explanation or content hash', async ({
    page,
    exam,
    candidate,
  }) => {
    const paper = page.waitForResponse((r) => r.url().endsWith('/paper') && r.request().method() === 'GET');
    await exam.enter(candidate);
    const body = JSON.stringify(await (await paper).json());
    expect(body).not.toMatch(/"(key|explanation|contentHash|canonical)"/);
    await exam.answerSeveral(3);
    await exam.expectSaved();
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).not.toMatch(/"(key|explanation)"/);
  });

  test('pages are served with a strict Content-Security-Policy the client works under', async ({ running }) => {
    const res = await fetch(`${running.server.url}/exam/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
  });
});
