import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkIds, formatFinding } from "./findings.js";
import { runChecks } from "./run-checks.js";

/** `npm run check:terraform`: every check over terraform/, one line per finding; exit 1 on any. */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const findings = await runChecks({ repoRoot });
for (const finding of findings) console.error(formatFinding(finding));
const failed = new Set(findings.map((f) => f.check));
for (const id of checkIds) console.log(`${failed.has(id) ? "FAIL" : "ok  "} ${id}`);
console.log(`${checkIds.length - failed.size} passed, ${failed.size} failed`);
process.exitCode = findings.length > 0 ? 1 : 0;
