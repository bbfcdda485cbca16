import { ConflictError, ValidationError } from "../shared/errors.js";
import type { FlagDefinition } from "./flag-model.js";
import {
  composeTargeting,
  decomposeTargeting,
  findFractional,
  type TargetingParts,
} from "./targeting-parts.js";

/**
 * Pure edits behind the admin shortcuts: each takes a definition and returns a new one (the input
 * is never mutated). The store then validates the result against the flagd schema as for any write.
 */

export interface ScheduleRequest {
  start?: Date;
  end?: Date;
  outsideVariant: string;
}

function variantsOf(definition: FlagDefinition): string[] {
  const variants = definition.variants;
  return typeof variants === "object" && variants !== null ? Object.keys(variants) : [];
}

function requireVariant(definition: FlagDefinition, variant: string, field: string): void {
  if (!variantsOf(definition).includes(variant)) {
    throw new ValidationError(`unknown variant ${JSON.stringify(variant)}`, [
      { path: field, message: `must be one of: ${variantsOf(definition).join(", ")}` },
    ]);
  }
}

function withParts(definition: FlagDefinition, edit: (parts: TargetingParts) => void): FlagDefinition {
  const copy = structuredClone(definition);
  const parts = decomposeTargeting(copy.targeting);
  edit(parts);
  const targeting = composeTargeting(parts);
  if (targeting === undefined) delete copy.targeting;
  else copy.targeting = targeting;
  return copy;
}

/** Kill switch: the flag is DISABLED (OpenFeature clients fall back to their code defaults). */
export function withState(definition: FlagDefinition, state: "ENABLED" | "DISABLED"): FlagDefinition {
  return { ...structuredClone(definition), state };
}

/** Sets the weights of the rollout's `fractional` buckets; existing bucket order is kept (it decides who lands where). */
export function withWeights(definition: FlagDefinition, weights: Record<string, number>): FlagDefinition {
  const entries = Object.entries(weights);
  for (const [variant] of entries) requireVariant(definition, variant, `/weights/${variant}`);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  if (total !== 100) {
    throw new ValidationError(`weights sum to ${total}, not 100`, [
      { path: "/weights", message: "must sum to 100" },
    ]);
  }
  return withParts(definition, (parts) => {
    const fractional = findFractional(parts.rest);
    if (!fractional) {
      parts.rest = { fractional: entries.map(([variant, weight]) => [variant, weight]) };
      return;
    }
    const lead = Array.isArray(fractional[0]) ? [] : fractional.slice(0, 1);
    const existing = fractional.filter(Array.isArray).map((bucket) => String(bucket[0]));
    const order = [
      ...existing.filter((v) => v in weights),
      ...entries.map(([v]) => v).filter((v) => !existing.includes(v)),
    ];
    fractional.splice(
      0,
      fractional.length,
      ...lead,
      ...order.map((variant) => [variant, weights[variant] ?? 0]),
    );
  });
}

/** Percentage rollout on a two-bucket `fractional`: `variant` gets `percentage`, the other bucket the rest. */
export function withRollout(definition: FlagDefinition, variant: string, percentage: number): FlagDefinition {
  requireVariant(definition, variant, "/variant");
  const fractional = findFractional(decomposeTargeting(definition.targeting).rest);
  const buckets = (fractional ?? []).filter(Array.isArray).map((bucket) => String(bucket[0]));
  let other: string | undefined;
  if (!fractional)
    other = typeof definition.defaultVariant === "string" ? definition.defaultVariant : undefined;
  else if (buckets.length === 2 && buckets.includes(variant)) other = buckets.find((b) => b !== variant);
  if (other === undefined || other === variant) {
    throw new ConflictError(
      `flag has no two-bucket fractional rule with variant ${variant}; use PUT or the weights shortcut`,
    );
  }
  return withWeights(definition, { [variant]: percentage, [other]: 100 - percentage });
}

/** Adds/removes customer codes on the targeting list of `variant` (a code is on at most one list). */
export function withTargetingList(
  definition: FlagDefinition,
  variant: string,
  add: readonly string[],
  remove: readonly string[],
): FlagDefinition {
  requireVariant(definition, variant, "/variant");
  return withParts(definition, (parts) => {
    const moved = new Set(add);
    for (const list of parts.lists) list.customers = list.customers.filter((code) => !moved.has(code));
    let list = parts.lists.find((candidate) => candidate.variant === variant);
    if (!list) {
      list = { variant, customers: [] };
      parts.lists.push(list);
    }
    const removed = new Set(remove);
    list.customers = [...new Set([...list.customers, ...add])].filter((code) => !removed.has(code)).sort();
  });
}

/** Serves the flag's normal targeting only inside [start, end); `outsideVariant` elsewhere. Null clears. */
export function withSchedule(definition: FlagDefinition, schedule: ScheduleRequest | null): FlagDefinition {
  if (schedule) requireVariant(definition, schedule.outsideVariant, "/outsideVariant");
  if (schedule && !schedule.start && !schedule.end) {
    throw new ValidationError("a schedule needs a start or an end", [
      { path: "/start", message: "give start and/or end" },
    ]);
  }
  if (schedule?.start && schedule.end && schedule.start >= schedule.end) {
    throw new ValidationError("schedule ends before it starts", [
      { path: "/end", message: "must be after start" },
    ]);
  }
  const seconds = (date: Date | undefined) => (date ? Math.floor(date.getTime() / 1000) : undefined);
  return withParts(definition, (parts) => {
    parts.schedule = schedule
      ? {
          startSeconds: seconds(schedule.start),
          endSeconds: seconds(schedule.end),
          outsideVariant: schedule.outsideVariant,
        }
      : undefined;
  });
}
