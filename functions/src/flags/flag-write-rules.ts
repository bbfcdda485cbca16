import { FlagVersionConflictError } from "./flag-errors.js";
import {
  type EvaluatorsWrite,
  evaluatorsWriteSchema,
  type FlagChange,
  type FlagSnapshot,
  type FlagWrite,
  flagWriteSchema,
  type StoredEvaluators,
  type StoredFlag,
  sharedEvaluatorsKey,
} from "./flag-model.js";
import { assertValidFlagSet } from "./flag-set-validation.js";
import { buildFlagdConfig, singleFlagConfig } from "./flagd-config.js";

/**
 * The rules every FlagStore adapter applies inside its write (transaction): version check, then
 * validation of the flag set as it would be after the write. Returns the document to store.
 */
export function nextStoredFlag(current: FlagSnapshot, write: FlagWrite, now: Date): StoredFlag {
  const parsed = flagWriteSchema.parse(write);
  const actualVersion = current.flags.get(parsed.key)?.version ?? 0;
  if (parsed.expectedVersion !== actualVersion) {
    throw new FlagVersionConflictError(parsed.key, parsed.expectedVersion, actualVersion);
  }
  const next: StoredFlag = {
    key: parsed.key,
    definition: parsed.definition,
    version: actualVersion + 1,
    updatedBy: parsed.updatedBy,
    updatedAt: now,
    archived: parsed.archived,
  };
  // An archived flag is not served, but it must stay restorable, so it is still checked on its own.
  assertValidFlagSet(singleFlagConfig(next.key, next.definition, current.evaluators?.evaluators));
  return next;
}

export function nextStoredEvaluators(
  current: FlagSnapshot,
  write: EvaluatorsWrite,
  now: Date,
): StoredEvaluators {
  const parsed = evaluatorsWriteSchema.parse(write);
  const actualVersion = current.evaluators?.version ?? 0;
  if (parsed.expectedVersion !== actualVersion) {
    throw new FlagVersionConflictError(sharedEvaluatorsKey, parsed.expectedVersion, actualVersion);
  }
  const next: StoredEvaluators = {
    evaluators: parsed.evaluators,
    version: actualVersion + 1,
    updatedBy: parsed.updatedBy,
    updatedAt: now,
  };
  assertValidFlagSet(buildFlagdConfig({ flags: current.flags, evaluators: next }));
  return next;
}

/** The audit entry a flag write produces; stores persist it together with the flag (same transaction). */
export function flagChangeFor(
  current: FlagSnapshot,
  next: StoredFlag,
  write: Pick<FlagWrite, "reason">,
): FlagChange {
  const previous = current.flags.get(next.key);
  return {
    key: next.key,
    version: next.version,
    actor: next.updatedBy,
    reason: write.reason.trim(),
    at: next.updatedAt,
    before: previous?.definition ?? null,
    beforeArchived: previous?.archived ?? null,
    after: next.definition,
    archived: next.archived,
  };
}
