/**
 * Safe rich text: a tiny markup, never HTML. Paragraphs are separated by blank lines, `**bold**` and
 * `*italic*` emphasise, `![说明](asset:figure.png)` shows a bank asset. Renderers build DOM nodes from
 * the parsed tree, so `<` in bank content can only ever be shown, never interpreted.
 */
export type Inline =
  | { readonly t: 'text'; readonly v: string }
  | { readonly t: 'strong' | 'em'; readonly c: readonly Inline[] }
  | { readonly t: 'image'; readonly alt: string; readonly asset: string }
  | { readonly t: 'br' };
export type Paragraph = readonly Inline[];
export type RichDoc = readonly Paragraph[];

const ASSET_NAME = /^[\w\-.\u4e00-\u9fff]+\.(png|jpe?g|gif|webp)$/i;
const TOKEN = /\*\*([^*]+)\*\*|\*([^*\n]+)\*|!\[([^\]]*)\]\(asset:([^)\s]+)\)|\n/g;

function parseInline(source: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  const pushText = (v: string): void => {
    if (v.length > 0) out.push({ t: 'text', v });
  };
  for (const m of source.matchAll(TOKEN)) {
    pushText(source.slice(last, m.index));
    if (m[1] !== undefined) out.push({ t: 'strong', c: parseInline(m[1]) });
    else if (m[2] !== undefined) out.push({ t: 'em', c: parseInline(m[2]) });
    else if (m[4] !== undefined) out.push({ t: 'image', alt: m[3] ?? '', asset: m[4] });
    else out.push({ t: 'br' });
    last = m.index + m[0].length;
  }
  pushText(source.slice(last));
  return out;
}

export function parseRichText(source: string): RichDoc {
  return source
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map(parseInline);
}

function walkImages(doc: RichDoc): string[] {
  const found: string[] = [];
  const visit = (nodes: readonly Inline[]): void => {
    for (const n of nodes) {
      if (n.t === 'image') found.push(n.asset);
      else if (n.t === 'strong' || n.t === 'em') visit(n.c);
    }
  };
  doc.forEach(visit);
  return found;
}

/** The asset names a text refers to. */
export const assetsOf = (source: string): string[] => walkImages(parseRichText(source));

/** Problems (in Chinese) that make a text unacceptable as bank content. */
export function richTextProblems(source: string, knownAssets?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (/<\/?[a-zA-Z][^>]*>/.test(source))
    problems.push('不支持 HTML 标签，请使用纯文本（**粗体**、*斜体*、![说明](asset:图片.png)）');
  if (/!\[[^\]]*\]\((?!asset:)[^)]*\)/.test(source)) problems.push('图片只能引用题库资源（asset:文件名）');
  for (const asset of assetsOf(source)) {
    if (!ASSET_NAME.test(asset)) problems.push(`图片文件名 ${asset} 无效（只允许 png、jpg、gif、webp）`);
    else if (knownAssets && !knownAssets.has(asset)) problems.push(`图片 ${asset} 不在题库资源中`);
  }
  return problems;
}

/** Plain text for search, previews and spreadsheets. */
export function plainText(source: string): string {
  const flat = (nodes: readonly Inline[]): string =>
    nodes
      .map((n) => (n.t === 'text' ? n.v : n.t === 'br' ? '\n' : n.t === 'image' ? `[图：${n.alt}]` : flat(n.c)))
      .join('');
  return parseRichText(source).map(flat).join('\n\n');
}
