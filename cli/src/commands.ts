import { cohortCommands } from "./cohort-commands.js";
import type { Command } from "./command.js";
import { conflictCommands } from "./conflict-commands.js";
import { importReportCommand } from "./import-report-command.js";
import { verifyCommand } from "./verify-command.js";
import { waveCommands } from "./wave-commands.js";

/** Every command, in the order help lists them. */
export const commands: readonly Command[] = [
  ...cohortCommands,
  ...waveCommands,
  verifyCommand,
  ...conflictCommands,
  importReportCommand,
];
