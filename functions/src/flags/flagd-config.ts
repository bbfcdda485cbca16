import type { FlagDefinition, FlagSnapshot, SharedEvaluators } from "./flag-model.js";

export const flagdSchemaUrl = "https://flagd.dev/schema/v0/flags.json";

/** The flagd flag-set document (`flags.json` schema) that flagd-core parses. */
export interface FlagdConfig {
  $schema: string;
  flags: Record<string, FlagDefinition>;
  $evaluators?: SharedEvaluators;
}

/**
 * Builds the flagd document for the flags that are live (not archived). The stored version is
 * added to each flag's metadata as `flagVersion`, so every evaluation result says which version
 * served it (exposure counting and sticky migration stages rely on that).
 */
export function buildFlagdConfig(snapshot: FlagSnapshot): FlagdConfig {
  const flags: Record<string, FlagDefinition> = {};
  for (const stored of snapshot.flags.values()) {
    if (stored.archived) continue;
    flags[stored.key] = withVersionMetadata(stored.definition, stored.version);
  }
  return withEvaluators({ $schema: flagdSchemaUrl, flags }, snapshot.evaluators?.evaluators);
}

/** A flag set holding only one definition, with the shared evaluators it may reference. */
export function singleFlagConfig(
  key: string,
  definition: FlagDefinition,
  evaluators: SharedEvaluators | undefined,
): FlagdConfig {
  return withEvaluators({ $schema: flagdSchemaUrl, flags: { [key]: definition } }, evaluators);
}

function withEvaluators(config: FlagdConfig, evaluators: SharedEvaluators | undefined): FlagdConfig {
  if (evaluators === undefined || Object.keys(evaluators).length === 0) return config;
  return { ...config, $evaluators: evaluators };
}

function withVersionMetadata(definition: FlagDefinition, version: number): FlagDefinition {
  const metadata = isPlainObject(definition.metadata) ? definition.metadata : {};
  return { ...definition, metadata: { ...metadata, flagVersion: version } };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The targeting of a flag with a top-level `$ref` replaced by the shared evaluator it names. */
export function resolvedTargetingRoot(definition: FlagDefinition, evaluators: SharedEvaluators): unknown {
  const targeting = definition.targeting;
  if (isPlainObject(targeting) && typeof targeting.$ref === "string") return evaluators[targeting.$ref];
  return targeting;
}

/** True when the whole targeting is one `fractional` split: a match then means the customer's bucket. */
export function isPureSplit(definition: FlagDefinition, evaluators: SharedEvaluators): boolean {
  const root = resolvedTargetingRoot(definition, evaluators);
  return isPlainObject(root) && Object.keys(root).length === 1 && "fractional" in root;
}
