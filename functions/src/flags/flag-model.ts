import { z } from "zod";

/** Reserved key: the document holding the shared `$evaluators` that definitions reference with `$ref`. */
export const sharedEvaluatorsKey = "$evaluators";

/** Flag keys double as Firestore document ids and OFREP path segments, so keep them URL- and id-safe. */
export const flagKeySchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/);

/**
 * A flag definition in the flagd format. Zod only checks that it is a JSON object here: the
 * authoritative check is the official flagd schema (see flag-set-validation.ts).
 */
export const flagDefinitionSchema = z.record(z.string(), z.unknown());
export type FlagDefinition = z.infer<typeof flagDefinitionSchema>;

/** Shared JsonLogic fragments, by name, that definitions reference with `{"$ref": "name"}`. */
export const sharedEvaluatorsSchema = z.record(z.string().min(1), z.unknown());
export type SharedEvaluators = z.infer<typeof sharedEvaluatorsSchema>;

export const storedFlagSchema = z.strictObject({
  key: flagKeySchema,
  definition: flagDefinitionSchema,
  version: z.int().min(1),
  updatedBy: z.string().min(1),
  updatedAt: z.date(),
  archived: z.boolean(),
});
/** A flag as stored: one document per flag; `version` increments on every write. */
export type StoredFlag = z.infer<typeof storedFlagSchema>;

export const storedEvaluatorsSchema = z.strictObject({
  evaluators: sharedEvaluatorsSchema,
  version: z.int().min(1),
  updatedBy: z.string().min(1),
  updatedAt: z.date(),
});
export type StoredEvaluators = z.infer<typeof storedEvaluatorsSchema>;

/** Everything the provider needs to evaluate: all flags plus the shared evaluators. */
export interface FlagSnapshot {
  flags: ReadonlyMap<string, StoredFlag>;
  evaluators: StoredEvaluators | undefined;
}

export const flagWriteSchema = z.strictObject({
  key: flagKeySchema,
  definition: flagDefinitionSchema,
  /** 0 to create; otherwise the version the writer last read. */
  expectedVersion: z.int().min(0),
  updatedBy: z.string().min(1),
  archived: z.boolean().default(false),
  /** Why: every change is audited, so a write without a reason is refused. */
  reason: z.string().trim().min(1).max(500),
});
export type FlagWrite = z.input<typeof flagWriteSchema>;

export const evaluatorsWriteSchema = z.strictObject({
  evaluators: sharedEvaluatorsSchema,
  expectedVersion: z.int().min(0),
  updatedBy: z.string().min(1),
  reason: z.string().trim().min(1).max(500),
});
export type EvaluatorsWrite = z.input<typeof evaluatorsWriteSchema>;

export const emptyFlagSnapshot: FlagSnapshot = { flags: new Map(), evaluators: undefined };

/** One audited change of a flag: who, when, why, and the definition before and after. */
export const flagChangeSchema = z.strictObject({
  key: z.string().min(1),
  /** The version this change produced. */
  version: z.int().min(1),
  actor: z.string().min(1),
  reason: z.string().min(1),
  at: z.date(),
  before: flagDefinitionSchema.nullable(),
  beforeArchived: z.boolean().nullable(),
  after: flagDefinitionSchema,
  archived: z.boolean(),
});
export type FlagChange = z.infer<typeof flagChangeSchema>;
