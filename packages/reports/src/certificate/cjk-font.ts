import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';

/**
 * Noto Sans SC from the `@fontsource/noto-sans-sc` dependency, so a machine with only Node renders Chinese.
 * Fontsource ships the font cut into ~100 small files by Unicode range (the slicing Chinese web fonts use);
 * a certificate embeds only the few slices its characters fall in, each subset again to the glyphs used, which
 * keeps a PDF near 100 KB. (The single 1.1 MB "chinese-simplified" file would be embedded whole by the
 * subsetter's CFF path and lacks rare name characters the slices have.) Slices are parsed once per process.
 */
const require = createRequire(import.meta.url);
const CSS = require.resolve('@fontsource/noto-sans-sc/400.css');

let byCodePoint: Map<number, string> | undefined;
const parsed = new Map<string, fontkit.Font>();

function slices(): Map<number, string> {
  if (byCodePoint) return byCodePoint;
  const map = new Map<number, string>();
  const css = readFileSync(CSS, 'utf8');
  for (const m of css.matchAll(/url\(\.\/files\/([^)]+\.woff2)\)[^;]*;\s*unicode-range: ([^;]+);/g)) {
    for (const range of m[2]!.split(',')) {
      const [a, b] = range.trim().slice(2).split('-');
      const from = Number.parseInt(a!, 16);
      const to = Number.parseInt(b ?? a!, 16);
      for (let c = from; c <= to; c++) if (!map.has(c)) map.set(c, m[1]!);
    }
  }
  byCodePoint = map;
  return map;
}

const FALLBACK = 'noto-sans-sc-latin-400-normal.woff2';

/**
 * WOFF 1 → the plain TrueType file it wraps. fontkit reads WOFF 2 slices but its subsetter then writes empty
 * glyphs (the transformed glyf table), and it re-inflates WOFF 1 tables on every access; unwrapping once gives
 * correct outlines and ~10 ms per certificate.
 */
function sfntFromWoff(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF font');
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    return {
      tag: woff.subarray(at, at + 4),
      checksum: woff.readUInt32BE(at + 16),
      data: compLength < origLength ? inflateSync(raw) : raw,
    };
  });
  const head = Buffer.alloc(12 + 16 * numTables);
  woff.copy(head, 0, 4, 8); // flavor → sfnt version
  const pow = 2 ** Math.floor(Math.log2(numTables));
  head.writeUInt16BE(numTables, 4);
  head.writeUInt16BE(pow * 16, 6);
  head.writeUInt16BE(Math.log2(pow), 8);
  head.writeUInt16BE(numTables * 16 - pow * 16, 10);
  const parts: Buffer[] = [head];
  let offset = head.length;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    t.tag.copy(head, at);
    head.writeUInt32BE(t.checksum, at + 4);
    head.writeUInt32BE(offset, at + 8);
    head.writeUInt32BE(t.data.length, at + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

/** The parsed slice (a fontkit font) by file name. */
export function fontSlice(file: string): fontkit.Font {
  let font = parsed.get(file);
  if (!font) {
    const woff = readFileSync(join(dirname(CSS), 'files', file.replace(/\.woff2$/, '.woff')));
    font = fontkit.create(sfntFromWoff(woff)) as fontkit.Font;
    parsed.set(file, font);
  }
  return font;
}

export interface TextRun {
  readonly font: string;
  readonly text: string;
}

/** Splits text into runs of characters that live in the same slice. */
export function textRuns(text: string): TextRun[] {
  const map = slices();
  const runs: { font: string; text: string }[] = [];
  for (const ch of text) {
    const font = ch === ' ' ? (runs.at(-1)?.font ?? FALLBACK) : (map.get(ch.codePointAt(0)!) ?? FALLBACK);
    const last = runs.at(-1);
    if (last?.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return runs;
}
