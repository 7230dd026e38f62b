import { Document, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { readDraft, writeDraft, type BlueprintDraft, type ReadResult } from './blueprint-draft.ts';

/**
 * The "高级：YAML" view of the grid: the same draft as blueprint.yaml text and back. Loaded only when that view
 * opens, so the YAML library stays out of the console's start-up code.
 */

/**
 * The draft as blueprint.yaml text, as the bank folders write it: one line per type
 * (`- { type: 判断题, count: 40, points: 0.5 }`).
 */
export function draftToYaml(d: BlueprintDraft): string {
  const doc = new Document(writeDraft(d));
  const sections = doc.get('sections');
  if (isSeq(sections))
    for (const s of sections.items) {
      if (!isMap(s)) continue;
      s.flow = true;
      // Bands are numbered: `{ 1: 0, 2: 4 }`, not the quoted keys a JavaScript object would give.
      const bands = s.get('difficulty');
      if (isMap(bands))
        for (const pair of bands.items) if (isScalar(pair.key)) pair.key = doc.createNode(Number(pair.key.value));
    }
  return doc.toString({ lineWidth: 0 });
}

/** Reads YAML text for the grid; a syntax error names its line. */
export function yamlToDraft(text: string): ReadResult {
  const doc = parseDocument(text, { prettyErrors: true });
  const error = doc.errors[0];
  if (error !== undefined) {
    const line = error.linePos?.[0].line;
    return {
      ok: false,
      message: `YAML 格式有误${line === undefined ? '' : `（第 ${line} 行）`}：${error.message.split('\n')[0]}`,
    };
  }
  return readDraft(doc.toJS());
}
