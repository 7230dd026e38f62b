import { sha256Hex } from '@kaowu/domain';
import { strFromU8, unzipSync } from 'fflate';
import { GENESIS, recordHash } from '../audit/writer.ts';
import { ARCHIVE_FORMAT, type ArchiveManifest } from './archive.ts';
import type { AuditRow, ChainLink } from './records.ts';

export interface ArchiveCheck {
  /** Files whose hash was checked, and audit records re-verified. */
  readonly files: number;
  readonly records: number;
  readonly manifest: ArchiveManifest | null;
  /** The first failure: the file, or the audit record (by sequence number), and why. */
  readonly failure: { readonly file?: string; readonly seq?: number; readonly reason: string } | null;
}

const fail = (files: number, records: number, manifest: ArchiveManifest | null, failure: ArchiveCheck['failure']) => ({
  files,
  records,
  manifest,
  failure,
});

const lines = <T>(bytes: Uint8Array | undefined): T[] =>
  bytes === undefined
    ? []
    : strFromU8(bytes)
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as T);

/**
 * Checks an archive package without any database: every file against its SHA-256 in manifest.json (a file
 * missing, changed or not listed is named), then the audit extract: the chain's links run unbroken from the first
 * record to the manifest's head, and every batch record the manifest lists is present, hashes to its content and
 * sits in that chain (a deleted or edited record is named by its sequence number).
 */
export function verifyArchive(zip: Uint8Array): ArchiveCheck {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (e) {
    return fail(0, 0, null, { reason: `不是有效的 zip 文件：${e instanceof Error ? e.message : String(e)}` });
  }
  const manifestBytes = entries['manifest.json'];
  if (manifestBytes === undefined) return fail(0, 0, null, { file: 'manifest.json', reason: '缺少 manifest.json' });
  let manifest: ArchiveManifest;
  try {
    manifest = JSON.parse(strFromU8(manifestBytes)) as ArchiveManifest;
  } catch {
    return fail(0, 0, null, { file: 'manifest.json', reason: 'manifest.json 不是有效的 JSON' });
  }
  if (manifest.format !== ARCHIVE_FORMAT || !Array.isArray(manifest.files))
    return fail(0, 0, null, { file: 'manifest.json', reason: `manifest.json 不是 ${ARCHIVE_FORMAT} 格式` });
  let files = 0;
  const listed = new Set<string>();
  for (const f of manifest.files) {
    listed.add(f.path);
    const data = entries[f.path];
    if (data === undefined) return fail(files, 0, manifest, { file: f.path, reason: `文件 ${f.path} 缺失` });
    if (sha256Hex(data) !== f.sha256)
      return fail(files, 0, manifest, { file: f.path, reason: `文件 ${f.path} 的 SHA-256 与清单不符，内容已被改动` });
    files++;
  }
  for (const path of Object.keys(entries))
    if (path !== 'manifest.json' && !path.endsWith('/') && !listed.has(path))
      return fail(files, 0, manifest, { file: path, reason: `文件 ${path} 不在清单中` });

  const chain = lines<ChainLink>(entries['audit/chain.jsonl']);
  let prev = GENESIS;
  const hashAt = new Map<number, string>();
  for (const [i, link] of chain.entries()) {
    if (link.seq !== i + 1)
      return fail(files, 0, manifest, { file: 'audit/chain.jsonl', seq: i + 1, reason: `审计链第 ${i + 1} 条缺失` });
    if (link.prev !== prev)
      return fail(files, 0, manifest, {
        file: 'audit/chain.jsonl',
        seq: link.seq,
        reason: `审计链第 ${link.seq} 条的前序校验码与上一条不符`,
      });
    hashAt.set(link.seq, link.hash);
    prev = link.hash;
  }
  const head = manifest.auditHead;
  if (chain.length !== head.seq || prev !== head.hash)
    return fail(files, 0, manifest, {
      file: 'audit/chain.jsonl',
      seq: chain.length,
      reason: `审计链止于第 ${chain.length} 条，与清单记载的链头（第 ${head.seq} 条 ${head.hash}）不符`,
    });
  const records = new Map(lines<AuditRow>(entries['audit/records.jsonl']).map((r) => [r.seq, r]));
  let checked = 0;
  for (const seq of manifest.auditRecords) {
    const row = records.get(seq);
    if (row === undefined)
      return fail(files, checked, manifest, {
        file: 'audit/records.jsonl',
        seq,
        reason: `审计记录第 ${seq} 条缺失（已被删除）`,
      });
    const { hash, ...rest } = row;
    if (recordHash(rest) !== hash || hashAt.get(seq) !== hash || rest.prev_hash !== (hashAt.get(seq - 1) ?? GENESIS))
      return fail(files, checked, manifest, {
        file: 'audit/records.jsonl',
        seq,
        reason: `审计记录第 ${seq} 条与审计链不符，内容已被篡改`,
      });
    checked++;
  }
  if (records.size !== manifest.auditRecords.length)
    return fail(files, checked, manifest, { file: 'audit/records.jsonl', reason: '审计记录中有清单未列出的记录' });
  return { files, records: checked, manifest, failure: null };
}
