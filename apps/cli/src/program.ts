import { Command } from 'commander';
import { adminCommands } from './commands/admin.ts';
import { bankCommand } from './commands/bank.ts';
import { certificateCommand } from './commands/certificate.ts';
import { demoCommands } from './commands/demo.ts';
import { itemCommand } from './commands/item.ts';
import { outlineCommand } from './commands/outline.ts';
import { paperCommand } from './commands/paper.ts';
import { serveCommand } from './commands/serve.ts';
import { userCommands } from './commands/user.ts';
import { resultsCommand } from './commands/results.ts';
import { statsCommand } from './commands/stats.ts';
import { rosterCommand } from './commands/roster.ts';
import { batchCommand } from './commands/batch.ts';
import { archiveCommand } from './commands/archive.ts';
import { EXIT_HELP } from './report-error.ts';

export function buildProgram(): Command {
  const program = new Command('kaowu')
    .description('Kaowu 考务：企业职业技能等级认定（题库、组卷、考试、成绩与证书）')
    .showHelpAfterError('（用 --help 查看用法）')
    .addHelpText('after', `\n${EXIT_HELP}`)
    .exitOverride();
  for (const c of [
    ...demoCommands(),
    bankCommand(),
    outlineCommand(),
    itemCommand(),
    paperCommand(),
    serveCommand(),
    rosterCommand(),
    ...userCommands(),
    ...adminCommands(),
  ])
    program.addCommand(c);
  program.addCommand(resultsCommand());
  program.addCommand(certificateCommand());
  program.addCommand(statsCommand());
  program.addCommand(batchCommand());
  program.addCommand(archiveCommand());
  return program;
}

/** Every command path, e.g. ['bank', 'status']; used to prove each has --help. */
export function commandPaths(command: Command = buildProgram(), prefix: string[] = []): string[][] {
  return command.commands.flatMap((c) => {
    const path = [...prefix, c.name()];
    return c.commands.length > 0 ? [path, ...commandPaths(c, path)] : [path];
  });
}
