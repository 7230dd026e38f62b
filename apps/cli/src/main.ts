#!/usr/bin/env -S npx tsx
import { Command, CommanderError } from 'commander';
import { KaowuError } from '@kaowu/domain';
import { adminCommands } from './commands/admin.ts';
import { bankCommand } from './commands/bank.ts';
import { demoCommands } from './commands/demo.ts';
import { itemCommand } from './commands/item.ts';
import { userCommands } from './commands/user.ts';
import { reportError } from './report-error.ts';

const program = new Command('kaowu')
  .description('Kaowu 考务：企业职业技能等级认定（题库、组卷、考试、成绩与证书）')
  .showHelpAfterError('（用 --help 查看用法）')
  .exitOverride();

for (const c of [...demoCommands(), bankCommand(), itemCommand(), ...userCommands(), ...adminCommands()]) program.addCommand(c);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    process.stderr.write(reportError(error));
    process.exitCode = error instanceof KaowuError && error.code === 'not_found' ? 3 : 1;
  }
}
