import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What each workbook prints: all are converted to PDF by one headless LibreOffice run (its own profile and HOME,
 * so parallel runs never share a lock) and each PDF's text is read back with `pdftotext -layout`.
 * Needs the Debian packages libreoffice-calc (soffice) and poppler-utils (pdftotext).
 */
export function pdfTexts<K extends string>(workbooks: Iterable<readonly [K, Uint8Array]>): Map<K, string> {
  const dir = mkdtempSync(join(tmpdir(), 'kaowu-pdf-'));
  const profile = join(tmpdir(), `lo-${randomUUID()}`);
  try {
    const names = [...workbooks].map(([name, bytes]) => {
      writeFileSync(join(dir, `${name}.xlsx`), bytes);
      return name;
    });
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${profile}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...names.map((name) => join(dir, `${name}.xlsx`)),
      ],
      { env: { ...process.env, HOME: profile }, timeout: 180_000, stdio: 'pipe' },
    );
    return new Map(
      names.map((name) => [
        name,
        execFileSync('pdftotext', ['-layout', join(dir, `${name}.pdf`), '-'], { encoding: 'utf8' }),
      ]),
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}
