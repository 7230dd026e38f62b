import type { ItemContent, ItemStatus, Outline } from '@kaowu/domain';
import {
  formatAnswerKey,
  ITEM_TYPE_NAMES,
  indexOutline,
  itemContent,
  itemContentProblems,
  outline as outlineSchema,
  outlineProblems,
  parseAnswerKey,
  parseItemType,
} from '@kaowu/domain';
import { Document, LineCounter, parseDocument, visit } from 'yaml';

/**
 * The bank text format under question-banks/ (see question-banks/FORMAT.md): YAML, one file per top-level
 * outline area so reviews read as small diffs. Pure: callers pass file texts in and write texts out.
 * `dumpBankFolder(parseBankFolder(x))` reproduces canonical files byte for byte.
 */
export interface BankFileItem {
  readonly code: string;
  readonly content: ItemContent;
  readonly author: string;
  readonly reviewer: string | null;
  readonly status: Exclude<ItemStatus, 'superseded'>;
}

export interface BankFileCertification {
  readonly assessor: string;
  readonly snapshot: string;
  readonly certifiedAt: string;
  readonly comment: string;
}

export interface BankFolder {
  readonly outline: Outline;
  readonly items: readonly BankFileItem[];
  readonly certifications: readonly BankFileCertification[];
}

export interface FileProblem {
  readonly file: string;
  readonly line: number | null;
  readonly field: string;
  readonly message: string;
}

export type BankFolderResult = { ok: true; folder: BankFolder } | { ok: false; problems: FileProblem[] };

const FILE_STATUSES = ['draft', 'in_review', 'approved', 'retired'] as const;
const ITEM_KEYS = [
  'code',
  'type',
  'point',
  'difficulty',
  'stem',
  'options',
  'answer',
  'explanation',
  'shuffle',
  'author',
  'reviewer',
  'status',
];
const TYPE_BY_NAME = ITEM_TYPE_NAMES;

interface Located {
  readonly data: unknown;
  lineOf(path: readonly (string | number)[]): number | null;
}

function readYaml(file: string, text: string, problems: FileProblem[]): Located | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors)
      problems.push({
        file,
        line: e.linePos?.[0]?.line ?? null,
        field: '',
        message: `YAML 格式错误：${e.message.split('\n')[0]}`,
      });
    return null;
  }
  return {
    data: doc.toJS(),
    lineOf(path) {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        if (node?.range) return lineCounter.linePos(node.range[0]).line;
      }
      return null;
    },
  };
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

function parseOutlineFile(src: Located, problems: FileProblem[]): Outline | null {
  const parsed = outlineSchema.safeParse(src.data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      problems.push({ file: 'outline.yaml', line: src.lineOf(path), field: path.join('.'), message: issue.message });
    }
    return null;
  }
  for (const message of outlineProblems(parsed.data))
    problems.push({ file: 'outline.yaml', line: null, field: '', message });
  return parsed.data;
}

function parseItemsFile(
  file: string,
  src: Located,
  outline: Outline,
  assets: ReadonlySet<string> | undefined,
  problems: FileProblem[],
): BankFileItem[] {
  const index = indexOutline(outline);
  const out: BankFileItem[] = [];
  const root = src.data as Record<string, unknown> | null;
  const report = (path: (string | number)[], message: string): void => {
    problems.push({ file, line: src.lineOf(path), field: path.join('.'), message });
  };
  if (root === null || typeof root !== 'object' || !Array.isArray(root.items)) {
    report([], '文件应包含 area 和 items 列表');
    return out;
  }
  const area = text(root.area);
  if (area === undefined || !index.topAreas.some((a) => a.code === area))
    report(['area'], `area “${String(root.area)}”不是细目表中的一级鉴定范围`);
  const fileName = file.replace(/^.*\//, '').replace(/\.yaml$/, '');
  if (area !== undefined && fileName !== area) report(['area'], `文件名应为 ${area}.yaml`);
  for (const key of Object.keys(root))
    if (!['area', 'author', 'reviewer', 'status', 'items'].includes(key)) report([key], `未知字段 ${key}`);

  root.items.forEach((raw: unknown, i: number) => {
    const at = (field: string): (string | number)[] => ['items', i, field];
    const before = problems.length;
    if (raw === null || typeof raw !== 'object') return report(['items', i], '试题应为键值对');
    const r = raw as Record<string, unknown>;
    for (const key of Object.keys(r)) if (!ITEM_KEYS.includes(key)) report(at(key), `未知字段 ${key}`);
    const code = text(r.code);
    if (code === undefined || code.trim() === '') report(at('code'), '缺少编号 code');
    const type = parseItemType(text(r.type) ?? '');
    if (type === undefined) report(at('type'), `题型“${String(r.type)}”无效，应为 判断题、单选题 或 多选题`);
    const point = text(r.point) ?? '';
    const info = index.points.get(point);
    if (info === undefined) report(at('point'), `鉴定点 ${point} 不在细目表中`);
    else if (area !== undefined && info.areaPath[0] !== area)
      report(at('point'), `鉴定点 ${point} 不属于鉴定范围 ${area}`);
    const author = text(r.author ?? root.author);
    const reviewer = text(r.reviewer ?? root.reviewer) ?? null;
    const status = text(r.status ?? root.status) ?? 'draft';
    if (author === undefined) report(at('author'), '缺少命题人 author');
    if (!(FILE_STATUSES as readonly string[]).includes(status)) report(at('status'), `状态 ${status} 无效`);
    if ((status === 'approved' || status === 'retired') && (reviewer === null || reviewer === author))
      report(at('reviewer'), '已通过的试题必须有一位不是命题人的审核人');
    if (type === undefined) return;
    const key = parseAnswerKey(type, text(r.answer) ?? '');
    if (!key.ok) return report(at('answer'), key.message);
    if (type === 'true_false' && r.options !== undefined) report(at('options'), '判断题不应有选项');
    const options = Array.isArray(r.options) ? r.options.map((o) => text(o) ?? '') : [];
    const candidate =
      type === 'true_false'
        ? {
            type,
            point,
            difficulty: r.difficulty,
            stem: text(r.stem) ?? '',
            explanation: text(r.explanation) ?? '',
            key: key.key,
          }
        : {
            type,
            point,
            difficulty: r.difficulty,
            stem: text(r.stem) ?? '',
            explanation: text(r.explanation) ?? '',
            options,
            key: key.key,
            shuffle: text(r.shuffle) ?? 'all',
          };
    const parsed = itemContent.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        report(at(field === 'key' ? 'answer' : field), `${field}: ${issue.message}`);
      }
      return;
    }
    for (const message of itemContentProblems(parsed.data, assets)) report(['items', i], message);
    if (problems.length === before && code !== undefined && author !== undefined)
      out.push({ code: code.trim(), content: parsed.data, author, reviewer, status: status as BankFileItem['status'] });
  });
  return out;
}

function parseCertifications(src: Located, problems: FileProblem[]): BankFileCertification[] {
  const root = src.data as { certifications?: unknown } | null;
  const list = root?.certifications;
  if (!Array.isArray(list)) {
    problems.push({
      file: 'certifications.yaml',
      line: null,
      field: 'certifications',
      message: '应包含 certifications 列表',
    });
    return [];
  }
  return list.flatMap((raw: unknown, i: number) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const c = {
      assessor: text(r.assessor),
      snapshot: text(r.snapshot),
      certifiedAt: text(r.certified_at),
      comment: text(r.comment) ?? '',
    };
    if (
      c.assessor === undefined ||
      c.snapshot === undefined ||
      !/^[0-9a-f]{64}$/.test(c.snapshot) ||
      c.certifiedAt === undefined ||
      Number.isNaN(Date.parse(c.certifiedAt))
    ) {
      problems.push({
        file: 'certifications.yaml',
        line: src.lineOf(['certifications', i]),
        field: `certifications.${i}`,
        message: '认证记录需要 assessor、snapshot（64 位十六进制校验码）和 certified_at（ISO 时间）',
      });
      return [];
    }
    return [{ assessor: c.assessor, snapshot: c.snapshot, certifiedAt: c.certifiedAt, comment: c.comment }];
  });
}

/** Parses a bank folder given as relative path → file text. Every problem is reported with file and line. */
export function parseBankFolder(files: ReadonlyMap<string, string>, assets?: ReadonlySet<string>): BankFolderResult {
  const problems: FileProblem[] = [];
  const outlineText = files.get('outline.yaml');
  if (outlineText === undefined)
    return { ok: false, problems: [{ file: 'outline.yaml', line: null, field: '', message: '缺少 outline.yaml' }] };
  const outlineSrc = readYaml('outline.yaml', outlineText, problems);
  const outline = outlineSrc && parseOutlineFile(outlineSrc, problems);
  if (outline === null) return { ok: false, problems };

  const items: BankFileItem[] = [];
  const firstFile = new Map<string, string>();
  for (const file of [...files.keys()].filter((f) => /^items\/[^/]+\.yaml$/.test(f)).sort()) {
    const src = readYaml(file, files.get(file) ?? '', problems);
    if (src === null) continue;
    for (const item of parseItemsFile(file, src, outline, assets, problems)) {
      const seen = firstFile.get(item.code);
      if (seen !== undefined)
        problems.push({ file, line: null, field: 'code', message: `编号 ${item.code} 重复（已出现在 ${seen}）` });
      else firstFile.set(item.code, file);
      items.push(item);
    }
  }
  let certifications: BankFileCertification[] = [];
  const certText = files.get('certifications.yaml');
  if (certText !== undefined) {
    const src = readYaml('certifications.yaml', certText, problems);
    if (src !== null) certifications = parseCertifications(src, problems);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, folder: { outline, items, certifications } };
}

const byCode = <T extends { code: string }>(a: T, b: T): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
const STRINGIFY = { lineWidth: 0, minContentWidth: 0, indentSeq: true } as const;

function itemEntry(
  item: BankFileItem,
  defaults: { author: string; reviewer: string | null; status: string },
): Record<string, unknown> {
  const c = item.content;
  const entry: Record<string, unknown> = {
    code: item.code,
    type: TYPE_BY_NAME[c.type],
    point: c.point,
    difficulty: c.difficulty,
    stem: c.stem,
  };
  if (c.type !== 'true_false') entry.options = c.options;
  entry.answer = formatAnswerKey(c);
  entry.explanation = c.explanation;
  if (c.type !== 'true_false' && c.shuffle !== 'all') entry.shuffle = c.shuffle;
  if (item.author !== defaults.author) entry.author = item.author;
  if (item.reviewer !== defaults.reviewer) entry.reviewer = item.reviewer;
  if (item.status !== defaults.status) entry.status = item.status;
  return entry;
}

/** The most frequent value wins; ties go to the smallest, so the choice never depends on item order. */
function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
}

/** Canonical files for a bank: outline.yaml, items/<area>.yaml per top-level area with items, certifications.yaml. */
export function dumpBankFolder(folder: BankFolder): Map<string, string> {
  const files = new Map<string, string>();
  const outlineDoc = new Document(folder.outline);
  visit(outlineDoc, {
    Map(_, node) {
      if (node.items.some((pair) => String((pair.key as { value?: unknown }).value) === 'importance')) node.flow = true;
    },
  });
  files.set('outline.yaml', outlineDoc.toString(STRINGIFY));

  const index = indexOutline(folder.outline);
  const byArea = new Map<string, BankFileItem[]>();
  for (const item of folder.items) {
    const area = index.points.get(item.content.point)?.areaPath[0] ?? '?';
    byArea.set(area, [...(byArea.get(area) ?? []), item]);
  }
  for (const { code: area } of index.topAreas) {
    const items = (byArea.get(area) ?? []).sort(byCode);
    if (items.length === 0) continue;
    const defaults = {
      author: mostCommon(items.map((i) => i.author)),
      reviewer: mostCommon(items.map((i) => i.reviewer ?? '')) || null,
      status: mostCommon(items.map((i) => i.status)),
    };
    const head: Record<string, unknown> = { area, author: defaults.author };
    if (defaults.reviewer !== null) head.reviewer = defaults.reviewer;
    head.status = defaults.status;
    head.items = items.map((i) => itemEntry(i, defaults));
    files.set(`items/${area}.yaml`, new Document(head).toString(STRINGIFY));
  }
  if (folder.certifications.length > 0) {
    const sorted = [...folder.certifications].sort((a, b) =>
      a.certifiedAt < b.certifiedAt ? -1 : a.certifiedAt > b.certifiedAt ? 1 : a.assessor < b.assessor ? -1 : 1,
    );
    const list = sorted.map((c) => ({
      assessor: c.assessor,
      snapshot: c.snapshot,
      certified_at: c.certifiedAt,
      comment: c.comment,
    }));
    files.set('certifications.yaml', new Document({ certifications: list }).toString(STRINGIFY));
  }
  return files;
}
