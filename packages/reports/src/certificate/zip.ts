import { zipSync } from 'fflate';

/**
 * Files into one zip (fflate: small, no dependencies, synchronous). PDFs are already compressed inside, so they
 * are stored (level 0): zipping 1,000 certificates costs a copy, not a second deflate.
 */
export function zipFiles(files: ReadonlyArray<{ readonly name: string; readonly data: Uint8Array }>): Uint8Array {
  const entries: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  for (const f of files) entries[f.name] = [f.data, { level: 0, mtime: new Date('2020-01-01T00:00:00Z') }];
  return zipSync(entries);
}
