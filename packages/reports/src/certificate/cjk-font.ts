import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';

/**
 * Noto Sans SC from the `@fontsource/noto-sans-sc` dependency, so a machine with only Node renders Chinese.
 * Fontsource ships the font cut into ~100 small files by Unicode range (the slicing Chinese web fonts use);
 * a certificate embeds only the glyphs it uses, taken from the slices its characters fall in, which keeps a PDF
 * near 30 KB. (The single 1.1 MB "chinese-simplified" file would be embedded whole by the
 * subsetter's CFF path and lacks rare name characters the slices have.) Slices are read once per process, and
 * `mergedFont` joins the glyphs a batch needs into one small font (see there).
 */
const require = createRequire(import.meta.url);
const CSS = require.resolve('@fontsource/noto-sans-sc/400.css');

let byCodePoint: Map<number, string> | undefined;
const parsed = new Map<string, Sfnt>();

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
 * correct outlines; the merge below reads the unwrapped tables directly.
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

interface Sfnt {
  readonly data: Buffer;
  readonly tables: ReadonlyMap<string, Buffer>;
  readonly longLoca: boolean;
  readonly numHMetrics: number;
}

function readSfnt(data: Buffer): Sfnt {
  const tables = new Map<string, Buffer>();
  const numTables = data.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    const offset = data.readUInt32BE(at + 8);
    tables.set(data.toString('latin1', at, at + 4), data.subarray(offset, offset + data.readUInt32BE(at + 12)));
  }
  const table = (tag: string): Buffer => {
    const t = tables.get(tag);
    if (!t) throw new Error(`font slice without ${tag}`);
    return t;
  };
  return {
    data,
    tables,
    longLoca: table('head').readInt16BE(50) === 1,
    numHMetrics: table('hhea').readUInt16BE(34),
  };
}

/** The unwrapped slice (TrueType outlines) by file name; read once per process. */
function slice(file: string): Sfnt {
  let font = parsed.get(file);
  if (!font) {
    const woff = readFileSync(join(dirname(CSS), 'files', file.replace(/\.woff2$/, '.woff')));
    font = readSfnt(sfntFromWoff(woff));
    parsed.set(file, font);
  }
  return font;
}

const cmapGlyph = (font: Sfnt, cp: number): number => {
  const cmap = font.tables.get('cmap')!;
  const n = cmap.readUInt16BE(2);
  for (let i = 0; i < n; i++) {
    const at = cmap.readUInt32BE(4 + i * 8 + 4);
    const format = cmap.readUInt16BE(at);
    if (format === 12) {
      const groups = cmap.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g++) {
        const ga = at + 16 + g * 12;
        const from = cmap.readUInt32BE(ga);
        const to = cmap.readUInt32BE(ga + 4);
        if (cp >= from && cp <= to) return cmap.readUInt32BE(ga + 8) + cp - from;
      }
      return 0;
    }
  }
  for (let i = 0; i < n; i++) {
    const at = cmap.readUInt32BE(4 + i * 8 + 4);
    if (cmap.readUInt16BE(at) !== 4 || cp > 0xffff) continue;
    const segX2 = cmap.readUInt16BE(at + 6);
    const ends = at + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const rangeOffsets = deltas + segX2;
    for (let s = 0; s < segX2; s += 2) {
      if (cmap.readUInt16BE(ends + s) < cp) continue;
      const start = cmap.readUInt16BE(starts + s);
      if (start > cp) return 0;
      const ro = cmap.readUInt16BE(rangeOffsets + s);
      if (ro === 0) return (cp + cmap.readInt16BE(deltas + s)) & 0xffff;
      const g = cmap.readUInt16BE(rangeOffsets + s + ro + 2 * (cp - start));
      return g === 0 ? 0 : (g + cmap.readInt16BE(deltas + s)) & 0xffff;
    }
  }
  return 0;
};

const glyphBytes = (font: Sfnt, gid: number): Buffer => {
  const loca = font.tables.get('loca')!;
  const [a, b] = font.longLoca
    ? [loca.readUInt32BE(gid * 4), loca.readUInt32BE(gid * 4 + 4)]
    : [loca.readUInt16BE(gid * 2) * 2, loca.readUInt16BE(gid * 2 + 2) * 2];
  return font.tables.get('glyf')!.subarray(a, b);
};

const metrics = (font: Sfnt, gid: number): [advance: number, lsb: number] => {
  const hmtx = font.tables.get('hmtx')!;
  const n = font.numHMetrics;
  if (gid < n) return [hmtx.readUInt16BE(gid * 4), hmtx.readInt16BE(gid * 4 + 2)];
  return [hmtx.readUInt16BE((n - 1) * 4), hmtx.readInt16BE(n * 4 + (gid - n) * 2)];
};

/** Offsets of the component glyph indices in a composite glyph (TrueType glyf flags). */
function componentOffsets(glyph: Buffer): number[] {
  if (glyph.length === 0 || glyph.readInt16BE(0) >= 0) return [];
  const out: number[] = [];
  let at = 10;
  for (;;) {
    const flags = glyph.readUInt16BE(at);
    out.push(at + 2);
    at += 4 + (flags & 0x1 ? 4 : 2);
    if (flags & 0x8) at += 2;
    else if (flags & 0x40) at += 4;
    else if (flags & 0x80) at += 8;
    if (!(flags & 0x20)) return out;
  }
}

function sfnt(tables: Record<string, Buffer>): Buffer {
  const tags = Object.keys(tables).sort();
  const head = Buffer.alloc(12 + 16 * tags.length);
  head.writeUInt32BE(0x00010000, 0);
  const pow = 2 ** Math.floor(Math.log2(tags.length));
  head.writeUInt16BE(tags.length, 4);
  head.writeUInt16BE(pow * 16, 6);
  head.writeUInt16BE(Math.log2(pow), 8);
  head.writeUInt16BE(tags.length * 16 - pow * 16, 10);
  const parts: Buffer[] = [head];
  let offset = head.length;
  tags.forEach((tag, i) => {
    const data = tables[tag]!;
    const padded = Buffer.alloc((data.length + 3) & ~3);
    data.copy(padded);
    let sum = 0;
    for (let j = 0; j < padded.length; j += 4) sum = (sum + padded.readUInt32BE(j)) >>> 0;
    head.write(tag, 12 + i * 16, 'latin1');
    head.writeUInt32BE(sum, 12 + i * 16 + 4);
    head.writeUInt32BE(offset, 12 + i * 16 + 8);
    head.writeUInt32BE(data.length, 12 + i * 16 + 12);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

/**
 * One small TrueType font holding exactly the glyphs of the given texts, merged from the slices they fall in
 * (all slices are cuts of the same Noto Sans SC, so metrics agree). A batch builds it once for every
 * certificate's text; pdfkit then subsets it per PDF, so each file still carries only its own glyphs, but a
 * PDF embeds one font instead of a handful and lays text out without the slices' shaping tables.
 * Characters that no slice has come out as the .notdef box, as before.
 */
export function mergedFont(texts: Iterable<string>): fontkit.Font {
  const cps = new Set<number>();
  for (const t of texts) for (const ch of t) cps.add(ch.codePointAt(0)!);
  const map = slices();
  const base = slice(FALLBACK);
  const glyphs: Buffer[] = [];
  const hmtx: [number, number][] = [];
  const index = new Map<string, number>();
  const used = new Set<Sfnt>([base]);
  const add = (file: string, font: Sfnt, gid: number): number => {
    const key = `${file}#${gid}`;
    const known = index.get(key);
    if (known !== undefined) return known;
    const id = glyphs.length;
    index.set(key, id);
    const bytes = Buffer.from(glyphBytes(font, gid));
    glyphs.push(bytes);
    hmtx.push(metrics(font, gid));
    used.add(font);
    for (const at of componentOffsets(bytes)) bytes.writeUInt16BE(add(file, font, bytes.readUInt16BE(at)), at);
    return id;
  };
  add(FALLBACK, base, 0);
  const cmap: [number, number][] = [];
  for (const cp of [...cps].sort((a, b) => a - b)) {
    const file = map.get(cp);
    if (!file) continue;
    const font = slice(file);
    const gid = cmapGlyph(font, cp);
    if (gid !== 0) cmap.push([cp, add(file, font, gid)]);
  }

  const head = Buffer.from(base.tables.get('head')!);
  head.writeUInt32BE(0, 8); // checkSumAdjustment: not needed inside a PDF
  head.writeInt16BE(1, 50); // long loca
  // maxp 1.0: each maximum over the slices the glyphs come from
  const maxp = Buffer.from(base.tables.get('maxp')!);
  for (let at = 6; at + 2 <= maxp.length; at += 2)
    maxp.writeUInt16BE(Math.max(...[...used].map((f) => f.tables.get('maxp')!.readUInt16BE(at))), at);
  const outlines: Outlines = { glyphs, hmtx, head, hhea: base.tables.get('hhea')!, maxp };

  // cmap: one format 12 subtable (Windows, UCS-4), one group per character
  const cmapTable = Buffer.alloc(12 + 16 + cmap.length * 12);
  cmapTable.writeUInt16BE(1, 2);
  cmapTable.writeUInt16BE(3, 4);
  cmapTable.writeUInt16BE(10, 6);
  cmapTable.writeUInt32BE(12, 8);
  cmapTable.writeUInt16BE(12, 12);
  cmapTable.writeUInt32BE(16 + cmap.length * 12, 16);
  cmapTable.writeUInt32BE(cmap.length, 24);
  cmap.forEach(([cp, gid], i) => {
    cmapTable.writeUInt32BE(cp, 28 + i * 12);
    cmapTable.writeUInt32BE(cp, 32 + i * 12);
    cmapTable.writeUInt32BE(gid, 36 + i * 12);
  });
  const post = Buffer.from(base.tables.get('post')!.subarray(0, 32));
  post.writeUInt32BE(0x00030000, 0); // no glyph names
  const data = sfnt({
    ...outlineTables(
      outlines,
      glyphs.map((_, i) => i),
    ),
    cmap: cmapTable,
    name: base.tables.get('name')!,
    'OS/2': base.tables.get('OS/2')!,
    post,
  });
  const font = fontkit.create(data) as fontkit.Font;
  // pdfkit subsets the font per PDF through `createSubset`; fontkit's TrueType subsetter decodes every glyph's
  // outline only to find composite glyphs. The outlines are at hand here, so copy their bytes instead.
  Object.assign(font, { createSubset: () => new GlyphSubset(outlines) });
  return font;
}

interface Outlines {
  /** glyf entries by glyph id (composites point at ids of this list) */
  readonly glyphs: readonly Buffer[];
  readonly hmtx: readonly (readonly [advance: number, lsb: number])[];
  readonly head: Buffer;
  readonly hhea: Buffer;
  readonly maxp: Buffer;
}

/** The outline tables (what PDF needs of a TrueType font) for the listed glyphs, in that order. */
function outlineTables(o: Outlines, ids: readonly number[]): Record<string, Buffer> {
  const glyphs = ids.map((id) => o.glyphs[id]!);
  const glyf = Buffer.concat(glyphs.map((g) => Buffer.concat([g, Buffer.alloc(g.length % 2)])));
  const loca = Buffer.alloc((glyphs.length + 1) * 4);
  let offset = 0;
  glyphs.forEach((g, i) => {
    loca.writeUInt32BE(offset, i * 4);
    offset += g.length + (g.length % 2);
  });
  loca.writeUInt32BE(offset, glyphs.length * 4);
  const hmtx = Buffer.alloc(ids.length * 4);
  let widest = 0;
  ids.forEach((id, i) => {
    const [advance, lsb] = o.hmtx[id]!;
    hmtx.writeUInt16BE(advance, i * 4);
    hmtx.writeInt16BE(lsb, i * 4 + 2);
    widest = Math.max(widest, advance);
  });
  const hhea = Buffer.from(o.hhea);
  hhea.writeUInt16BE(widest, 10);
  hhea.writeUInt16BE(ids.length, 34);
  const maxp = Buffer.from(o.maxp);
  maxp.writeUInt16BE(ids.length, 4);
  return { glyf, head: o.head, hhea, hmtx, loca, maxp };
}

/**
 * The subset pdfkit asks for (`includeGlyph` while laying out text, `encode` when the PDF ends), with fontkit's
 * Subset semantics: glyph 0 first, ids in order of first use, components of composite glyphs renumbered.
 */
class GlyphSubset {
  private readonly ids: number[] = [];
  private readonly mapping = new Map<number, number>();
  constructor(private readonly outlines: Outlines) {
    this.includeGlyph(0);
  }
  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'number' ? glyph : glyph.id;
    let at = this.mapping.get(id);
    if (at === undefined) {
      at = this.ids.length;
      this.ids.push(id);
      this.mapping.set(id, at);
    }
    return at;
  }
  encode(): Buffer {
    const copies: Buffer[] = [];
    for (let i = 0; i < this.ids.length; i++) {
      const original = this.outlines.glyphs[this.ids[i]!]!;
      const offsets = componentOffsets(original);
      const bytes = offsets.length ? Buffer.from(original) : original;
      for (const at of offsets) bytes.writeUInt16BE(this.includeGlyph(bytes.readUInt16BE(at)), at);
      copies.push(bytes);
    }
    return sfnt(
      outlineTables(
        { ...this.outlines, glyphs: copies },
        copies.map((_, i) => i),
      ),
    );
  }
}
