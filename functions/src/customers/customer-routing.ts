import type { AuditContext } from "../audit/audit-draft.js";
import type { MigrationStage } from "../domain/customer.js";
import type { DataSide, StageRoute } from "../migration/migration-stage.js";
import type { Versioned } from "./customer-store.js";
import { mismatchedFields, type ReadComparisonRecorder } from "./read-comparison.js";

/** Port: what MigrationRouter.routeFor answers (structural, so unit tests pass a fake). */
export interface CustomerRouting {
  routeFor(customerCode: string): Promise<StageRoute & { stage: MigrationStage }>;
}

/** Who writes, in which request, and why: what each write's audit entry records. */
export type WriteContext = AuditContext;

/** The authoritative side of a write: the first of the stage's write order. */
export function authoritativeSide(route: StageRoute): DataSide {
  const side = route.writeOrder[0];
  if (!side) throw new Error("a stage route always writes somewhere");
  return side;
}

/**
 * Reads from `readFrom`; when the stage compares, also reads the other side and records the
 * per-field result. The comparison never changes the answer and never fails the request.
 */
export async function readRouted<T extends object>(
  route: StageRoute,
  read: (side: DataSide) => Promise<Versioned<T> | undefined>,
  comparisons: ReadComparisonRecorder,
  describe: { entity: "customer" | "order"; key: string; customerCode: string },
): Promise<Versioned<T> | undefined> {
  if (!route.compare) return read(route.readFrom);
  const other: DataSide = route.readFrom === "legacy" ? "new" : "legacy";
  const [served, shadow] = await Promise.all([timed(() => read(route.readFrom)), timed(() => read(other))]);
  const both = served.ok && shadow.ok ? { served: served.value, shadow: shadow.value } : null;
  const missingOn =
    !both || (both.served === undefined && both.shadow === undefined)
      ? null
      : both.served === undefined
        ? route.readFrom
        : both.shadow === undefined
          ? other
          : null;
  await comparisons
    .record({
      ...describe,
      servedFrom: route.readFrom,
      mismatchedFields:
        both?.served && both.shadow ? mismatchedFields(both.served.value, both.shadow.value) : [],
      missingOn,
      latencyMs: { [route.readFrom]: served.latencyMs, [other]: shadow.latencyMs },
      errors: {
        ...(served.ok ? {} : { [route.readFrom]: served.error }),
        ...(shadow.ok ? {} : { [other]: shadow.error }),
      },
      at: new Date(),
    })
    // A lost comparison costs a sample, not the caller's read.
    .catch(() => undefined);
  if (!served.ok) throw served.cause;
  return served.value;
}

type Timed<T> =
  | { ok: true; value: T; latencyMs: number }
  | { ok: false; error: string; cause: unknown; latencyMs: number };

/** Latency and failure of one side's read, recorded per origin for shadow and live comparisons. */
async function timed<T>(read: () => Promise<T>): Promise<Timed<T>> {
  const started = Date.now();
  try {
    const value = await read();
    return { ok: true, value, latencyMs: Date.now() - started };
  } catch (cause) {
    return { ok: false, error: String(cause), cause, latencyMs: Date.now() - started };
  }
}
