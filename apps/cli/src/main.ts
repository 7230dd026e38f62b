import { CommanderError, InvalidArgumentError } from 'commander';
import { buildProgram } from './program.ts';
import { exitCodeOf, reportError } from './report-error.ts';

// A closed pipe (`kaowu paper show … | head`) is the reader's choice, not a failure.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// Commands report through process.exitCode; failures print one clear message (no stack) and exit non-zero.
try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  // Commander has already printed its own parse errors; an InvalidArgumentError from inside an action has not.
  if (error instanceof InvalidArgumentError) process.stderr.write(`错误：${error.message}\n`);
  if (error instanceof CommanderError) process.exitCode = error.exitCode;
  else {
    process.stderr.write(reportError(error));
    process.exitCode = exitCodeOf(error);
  }
}
