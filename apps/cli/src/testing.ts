import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { buildProgram } from './program.ts';

const run = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'apps/cli/src/main.ts');

/** Runs the real `kaowu` process from the repository root, as a user would, and reports exit code and output. */
export async function kaowu(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [MAIN, ...args], { cwd: ROOT, env: { ...process.env, KAOWU_DB: '' } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failure = e as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

/** The command at a path such as ['bank', 'status']. */
export const commandAt = (path: readonly string[]): Command | undefined =>
  path.reduce<Command | undefined>((c, name) => c?.commands.find((x) => x.name() === name), buildProgram());
