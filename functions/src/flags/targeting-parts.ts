/**
 * The admin shortcuts edit a flag's JsonLogic `targeting` in a fixed layered shape, outermost first:
 *
 *   1. targeting lists  `{"if": [{"in": [{"var": "targetingKey"}, [codes…]]}, "variant", …, <inner>]}`
 *   2. schedule         `{"if": [{"and": [{">=": [{"var": "$flagd.timestamp"}, start]}, …]}, <rest>, "outside"]}`
 *   3. rest             anything else (typically a `fractional` rollout), or nothing (→ defaultVariant)
 *
 * `$flagd.timestamp` (unix seconds) is put into every evaluation's context by flagd-core itself, so
 * a schedule needs nothing from the caller and works for OFREP clients too. Hand-written targeting
 * that does not have these shapes is simply "rest" and is kept untouched.
 */
export interface TargetingList {
  variant: string;
  customers: string[];
}

export interface ScheduleWindow {
  /** Unix seconds, inclusive. */
  startSeconds?: number;
  /** Unix seconds, exclusive. */
  endSeconds?: number;
  /** Variant served outside the window. */
  outsideVariant: string;
}

export interface TargetingParts {
  lists: TargetingList[];
  schedule: ScheduleWindow | undefined;
  rest: unknown;
}

type JsonObject = Record<string, unknown>;

const targetingKeyVar = { var: "targetingKey" };
const timestampVar = { var: "$flagd.timestamp" };

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function onlyKey(value: unknown, key: string): unknown[] | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  const args = value[key];
  return keys.length === 1 && keys[0] === key && Array.isArray(args) ? args : undefined;
}

function isVar(value: unknown, name: string): boolean {
  return isObject(value) && Object.keys(value).length === 1 && value.var === name;
}

/** `{"in": [{"var": "targetingKey"}, [codes]]}` → codes. */
function listCustomers(condition: unknown): string[] | undefined {
  const args = onlyKey(condition, "in");
  if (args?.length !== 2 || !isVar(args[0], "targetingKey") || !Array.isArray(args[1])) return undefined;
  return args[1].every((code) => typeof code === "string") ? (args[1] as string[]) : undefined;
}

function scheduleBounds(condition: unknown): Omit<ScheduleWindow, "outsideVariant"> | undefined {
  const clauses = onlyKey(condition, "and");
  if (!clauses || clauses.length === 0) return undefined;
  const window: Omit<ScheduleWindow, "outsideVariant"> = {};
  for (const clause of clauses) {
    const start = onlyKey(clause, ">=");
    const end = onlyKey(clause, "<");
    const args = start ?? end;
    if (args?.length !== 2 || !isVar(args[0], "$flagd.timestamp") || typeof args[1] !== "number") {
      return undefined;
    }
    if (start) window.startSeconds = args[1];
    else window.endSeconds = args[1];
  }
  return window;
}

export function decomposeTargeting(targeting: unknown): TargetingParts {
  const lists: TargetingList[] = [];
  let inner: unknown = targeting;
  const ifArgs = onlyKey(targeting, "if");
  if (ifArgs && listCustomers(ifArgs[0]) !== undefined) {
    let index = 0;
    for (; index + 1 < ifArgs.length; index += 2) {
      const customers = listCustomers(ifArgs[index]);
      const variant = ifArgs[index + 1];
      if (customers === undefined || typeof variant !== "string") break;
      lists.push({ variant, customers: [...customers] });
    }
    const remaining = ifArgs.slice(index);
    inner = remaining.length === 0 ? undefined : remaining.length === 1 ? remaining[0] : { if: remaining };
  }
  const scheduleArgs = onlyKey(inner, "if");
  const bounds = scheduleArgs?.length === 3 ? scheduleBounds(scheduleArgs[0]) : undefined;
  if (scheduleArgs && bounds && typeof scheduleArgs[2] === "string") {
    const rest = scheduleArgs[1] === null ? undefined : scheduleArgs[1];
    return { lists, schedule: { ...bounds, outsideVariant: scheduleArgs[2] }, rest };
  }
  return { lists, schedule: undefined, rest: inner === null ? undefined : inner };
}

/** The inverse of decomposeTargeting; undefined means "no targeting" (serve defaultVariant). */
export function composeTargeting(parts: TargetingParts): unknown {
  let inner: unknown = parts.rest;
  if (parts.schedule) {
    const { startSeconds, endSeconds, outsideVariant } = parts.schedule;
    const clauses: unknown[] = [];
    if (startSeconds !== undefined) clauses.push({ ">=": [timestampVar, startSeconds] });
    if (endSeconds !== undefined) clauses.push({ "<": [timestampVar, endSeconds] });
    // A null branch makes flagd serve the defaultVariant inside the window.
    inner = { if: [{ and: clauses }, inner ?? null, outsideVariant] };
  }
  const lists = parts.lists.filter((list) => list.customers.length > 0);
  if (lists.length === 0) return inner;
  const args: unknown[] = lists.flatMap((list) => [
    { in: [targetingKeyVar, [...list.customers]] },
    list.variant,
  ]);
  if (inner !== undefined) args.push(inner);
  return { if: args };
}

/** The first `fractional` node in the rest of the targeting (depth-first), to edit in place. */
export function findFractional(node: unknown): unknown[] | undefined {
  const own = onlyKey(node, "fractional");
  if (own) return own;
  const children = Array.isArray(node) ? node : isObject(node) ? Object.values(node) : [];
  for (const child of children) {
    const found = findFractional(child);
    if (found) return found;
  }
  return undefined;
}
