import { commands } from "./commands.js";
import { interruptedExitCode, runLuckygas } from "./run-luckygas.js";

/**
 * `npx luckygas …` (bin/luckygas.js runs this file under tsx). Ctrl-C aborts what is in flight,
 * which lets a progress bar give the terminal back; a command that cannot be interrupted (a
 * database read) is left a moment, then the process exits anyway.
 */
const abort = new AbortController();
process.once("SIGINT", () => {
  abort.abort();
  setTimeout(() => process.exit(interruptedExitCode), 2_000).unref();
});

const code = await runLuckygas(process.argv.slice(2), commands, {
  output: {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  },
  env: process.env,
  signal: abort.signal,
});
// Flushes what is buffered for a pipe before exiting (keep-alive sockets would otherwise hold the process).
process.stdout.write("", () => process.exit(code));
