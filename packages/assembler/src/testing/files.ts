import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { outline, parseBlueprint, type Blueprint, type Outline } from '@kaowu/domain';
import { parse } from 'yaml';

/** Files the tests read: the feature fixture and the demo bank's outline and blueprint. */
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
export const DEMO_FOLDER = here('../../../../question-banks/6-31-01-03-电工/5/');
export const FEATURE_FIXTURE = here('../fixtures/every-feature.blueprint.yaml');

export const readText = (path: string): string => readFileSync(path, 'utf8');

export function demoOutline(): Outline {
  return outline.parse(parse(readText(`${DEMO_FOLDER}outline.yaml`)));
}

export function readBlueprint(path: string, against?: Outline): Blueprint {
  const parsed = parseBlueprint(readText(path), against);
  if (!parsed.ok) throw new Error(parsed.error.map((p) => p.zh).join('\n'));
  return parsed.value;
}
