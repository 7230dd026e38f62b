/**
 * Prints the canonical JSON of papers assembled from a generated bank with every blueprint feature, plus one
 * candidate variant: the determinism test runs this in separate processes and compares the bytes.
 * Usage: tsx print-papers.ts <seed> [equated]
 */
import { canonicalJson } from '@kaowu/domain';
import { assemble, variant } from '../index.ts';
import { determinismCase } from './determinism-case.ts';

const { bank, blueprint, usage, calibration } = determinismCase({ equated: process.argv[3] === 'equated' });
const result = assemble(bank, blueprint, process.argv[2] ?? 'seed', usage, calibration);
if (!result.ok) {
  process.stderr.write(`${result.error.zh}\n`);
  process.exit(1);
}
process.stdout.write(canonicalJson({ papers: result.value, variant: variant(result.value[0]!, '准考证 0001') }));
