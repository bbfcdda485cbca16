import { MemoryStorage } from "@openfeature/flagd-core";
import type { Logger } from "@openfeature/server-sdk";
import { FlagDefinitionInvalidError, type FlagDefinitionIssue } from "./flag-errors.js";
import type { FlagdConfig } from "./flagd-config.js";

/**
 * Validates a flagd flag-set document against the official flagd schema (flags.json and
 * targeting.json). No npm package publishes those schema files; @openfeature/flagd-core ships
 * them precompiled as an ajv standalone validator and runs it in strict mode, so we use that
 * instead of vendoring a copy that could drift from the evaluator we run.
 * Beyond the schema it also catches what flagd-core rejects when loading: a default variant
 * missing from `variants`, and targeting that does not compile (unknown operator, unresolved `$ref`).
 * Throws FlagDefinitionInvalidError naming the JSON pointer of each problem.
 */
export function assertValidFlagSet(config: FlagdConfig): void {
  const issues = [...schemaIssues(config), ...loadIssues(config)];
  if (issues.length > 0) throw new FlagDefinitionInvalidError(mostSpecificFirst(issues));
}

function schemaIssues(config: FlagdConfig): FlagDefinitionIssue[] {
  try {
    new MemoryStorage(silentLogger).setConfigurations(JSON.stringify(config), true);
    return [];
  } catch (error) {
    const ajvErrors = ajvErrorsFrom(error);
    // Without an ajv list the schema passed and flagd-core failed on structure; loadIssues locates it.
    return ajvErrors.map((e) => ({ path: e.instancePath, message: e.message ?? "invalid" }));
  }
}

interface AjvError {
  instancePath: string;
  message?: string;
}

/** flagd-core reports schema failures as `invalid flagd flag configuration: <ajv errors as JSON>`. */
function ajvErrorsFrom(error: unknown): AjvError[] {
  if (!(error instanceof Error)) return [];
  const jsonStart = error.message.indexOf("[");
  if (jsonStart < 0) return [];
  try {
    const parsed: unknown = JSON.parse(error.message.slice(jsonStart));
    return Array.isArray(parsed) ? parsed.filter(isAjvError) : [];
  } catch {
    return [];
  }
}

function isAjvError(value: unknown): value is AjvError {
  return typeof value === "object" && value !== null && typeof (value as AjvError).instancePath === "string";
}

/** Loads each flag alone (non-strict) so a structure or targeting failure is pinned to its flag. */
function loadIssues(config: FlagdConfig): FlagDefinitionIssue[] {
  const issues: FlagDefinitionIssue[] = [];
  for (const key of Object.keys(config.flags)) {
    const warnings: string[] = [];
    const single = { ...config, flags: { [key]: config.flags[key] } };
    try {
      new MemoryStorage(warningCollector(warnings)).setConfigurations(JSON.stringify(single), false);
    } catch (error) {
      issues.push(structureIssue(key, error));
      continue;
    }
    if (warnings.length > 0)
      issues.push({ path: `/flags/${key}/targeting`, message: "targeting does not compile" });
  }
  return issues;
}

function structureIssue(key: string, error: unknown): FlagDefinitionIssue {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  if (message.startsWith("Default variant")) return { path: `/flags/${key}/defaultVariant`, message };
  if (message.startsWith("Invalid flag state")) return { path: `/flags/${key}/state`, message };
  return { path: `/flags/${key}`, message };
}

/** ajv reports every failed `anyOf` branch; the deepest pointer is the one a person can act on. */
function mostSpecificFirst(issues: FlagDefinitionIssue[]): FlagDefinitionIssue[] {
  const unique = new Map(issues.map((issue) => [`${issue.path}\u0000${issue.message}`, issue]));
  return [...unique.values()].sort((a, b) => depth(b.path) - depth(a.path));
}

function depth(pointer: string): number {
  return pointer.split("/").length;
}

const noop = (): void => {};
const silentLogger: Logger = { error: noop, warn: noop, info: noop, debug: noop };

function warningCollector(warnings: string[]): Logger {
  return { ...silentLogger, warn: (...args: unknown[]) => warnings.push(args.map(String).join(" ")) };
}
