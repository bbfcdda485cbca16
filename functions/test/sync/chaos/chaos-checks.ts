import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import { sampleClientRow, sampleDeliveryRow } from "../../../src/legacy/mapping/legacy-fixtures.js";
import { domainToRow } from "../../../src/sync/apply/record-rows.js";
import type { SyncEntity } from "../../../src/sync/change-message.js";
import { type ConflictRecord, conflictsCollection } from "../../../src/sync/conflicts/conflict-record.js";
import { collections } from "../../../src/sync/firestore-records.js";
import type { FlatRow } from "../../../src/sync/ledger/sync-ledger.js";
import type { LoggedWrite, Value } from "./chaos-workload.js";

/**
 * The vendor stamps edits to the second and the two sides' clocks are not one clock: writes on
 * different sides less than this apart are concurrent, and newest-wins may order them either way.
 */
const crossSideToleranceMs = 1_000;

export interface FinalState {
  legacy: Map<string, FlatRow>;
  fresh: Map<string, FlatRow>;
  /** Open ones and those a person resolved during the run. */
  conflicts: ConflictRecord[];
}

const id = (entity: SyncEntity, key: string) => `${entity}:${key}`;

export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  const numeric = (v: unknown) =>
    typeof v === "number" || /^-?\d+(\.\d+)?$/.test(String(v)) ? Number(v) : NaN;
  const [x, y] = [numeric(a), numeric(b)];
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x === y;
  return String(a) === String(b);
}

/** Both sides' final rows of every customer and order of the run, and the open conflicts. */
export async function readFinalState(
  db: Firestore,
  pool: pg.Pool,
  codes: readonly string[],
): Promise<FinalState> {
  const legacy = new Map<string, FlatRow>();
  const clients = await pool.query("SELECT * FROM clients WHERE client_code = ANY($1)", [codes]);
  for (const row of clients.rows) legacy.set(id("customer", row.client_code), row);
  const deliveries = await pool.query("SELECT * FROM deliveries WHERE client_code = ANY($1)", [codes]);
  for (const row of deliveries.rows) legacy.set(id("order", row.delivery_no), row);
  const fresh = new Map<string, FlatRow>();
  for (const entity of ["customer", "order"] as const) {
    const snapshot = await db.collection(collections[entity]).get();
    for (const doc of snapshot.docs) fresh.set(id(entity, doc.id), domainToRow(entity, doc.get("data")));
  }
  const all = await db.collection(conflictsCollection).get();
  return { legacy, fresh, conflicts: all.docs.map((doc) => doc.data() as ConflictRecord) };
}

/** Per-write accounting: every acknowledged write is visible on both sides, superseded, or held. */
export class WriteAccounting {
  private readonly byKey = new Map<string, LoggedWrite[]>();
  private readonly conflictsByKey = new Map<string, ConflictRecord[]>();

  constructor(
    private readonly log: readonly LoggedWrite[],
    private readonly state: FinalState,
  ) {
    for (const write of log) this.push(this.byKey, id(write.entity, write.key), write);
    for (const conflict of state.conflicts)
      this.push(this.conflictsByKey, id(conflict.entity, conflict.key), conflict);
  }

  private push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key) ?? [];
    list.push(value);
    map.set(key, list);
  }

  /** A later (or, across sides, concurrent) write of the same field or a delete of the record. */
  private superseded(write: LoggedWrite, field: string | undefined, kinds?: string[]): boolean {
    return (this.byKey.get(id(write.entity, write.key)) ?? []).some((other) => {
      if (other === write) return false;
      const touches = kinds
        ? kinds.includes(other.kind)
        : other.kind === "delete" || (field !== undefined && field in other.fields);
      const tolerance = other.side === write.side ? 0 : crossSideToleranceMs;
      return touches && other.ackedAt > write.startedAt - tolerance;
    });
  }

  /**
   * Held by an open conflict whose values include it, or decided by a person who resolved such a
   * conflict (then both sides must hold the resolution, unless a later write superseded it).
   */
  private held(write: LoggedWrite, field: string, value: Value): boolean {
    const key = id(write.entity, write.key);
    const conflicts = this.conflictsByKey.get(key) ?? [];
    const deletedOnce = (this.byKey.get(key) ?? []).some((w) => w.kind === "delete");
    const legacy = this.state.legacy.get(key);
    const fresh = this.state.fresh.get(key);
    return conflicts.some((c) => {
      if (c.status === "open" && deletedOnce) return true;
      if (!c.fields.includes(field) || !(same(c.legacy[field], value) || same(c.new[field], value)))
        return false;
      if (c.status === "open") return true;
      const decided = (row?: FlatRow) => row !== undefined && same(row[field], c.resolution ?? null);
      return (decided(legacy) && decided(fresh)) || this.supersededAfter(write, field, c.resolvedAt);
    });
  }

  /** A write of the field acknowledged after the conflict was resolved. */
  private supersededAfter(write: LoggedWrite, field: string, resolvedAt: string | null): boolean {
    const at = resolvedAt ? Date.parse(resolvedAt) : Number.POSITIVE_INFINITY;
    return (this.byKey.get(id(write.entity, write.key)) ?? []).some(
      (other) => other !== write && field in other.fields && other.ackedAt > at - crossSideToleranceMs,
    );
  }

  /** Why the write is unaccounted for, or undefined when it is accounted for. */
  explain(write: LoggedWrite): string | undefined {
    const legacy = this.state.legacy.get(id(write.entity, write.key));
    const fresh = this.state.fresh.get(id(write.entity, write.key));
    const where = `#${write.seq} ${write.side} ${write.kind} ${write.entity} ${write.key}`;
    if (write.kind === "delete") {
      if (!legacy && !fresh) return undefined;
      if ((this.conflictsByKey.get(id(write.entity, write.key)) ?? []).some((c) => c.status === "open"))
        return undefined;
      if (this.superseded(write, undefined, ["create"])) return undefined;
      return `${where}: still present (legacy ${Boolean(legacy)}, new ${Boolean(fresh)})`;
    }
    for (const [field, value] of Object.entries(write.fields)) {
      if (legacy && fresh && same(legacy[field], value) && same(fresh[field], value)) continue;
      if (this.superseded(write, field) || this.held(write, field, value)) continue;
      return `${where}.${field}=${JSON.stringify(value)}: legacy ${JSON.stringify(legacy?.[field])} new ${JSON.stringify(fresh?.[field])}`;
    }
    return undefined;
  }

  unaccounted(): string[] {
    return this.log.map((write) => this.explain(write)).filter((why): why is string => why !== undefined);
  }

  /** Conflicts hold only values some write (or the seed) gave that field, and only fields written. */
  badConflicts(): string[] {
    const seeds: Record<SyncEntity, FlatRow> = { customer: sampleClientRow(), order: sampleDeliveryRow() };
    return this.state.conflicts.flatMap((conflict) => {
      const writes = this.byKey.get(id(conflict.entity, conflict.key)) ?? [];
      if (writes.length === 0) return [`${conflict.id}: no write of the run touched ${conflict.key}`];
      return conflict.fields.flatMap((field) => {
        const known = [null, seeds[conflict.entity][field], ...writes.map((w) => w.fields[field])];
        return [conflict.legacy[field], conflict.new[field]]
          .filter((value) => !known.some((k) => same(k, value) || (k === undefined && value === null)))
          .map((value) => `${conflict.id}.${field}: ${JSON.stringify(value)} was never written`);
      });
    });
  }
}

/** Every order number belongs to exactly one create, and each order stays with its customer. */
export function orderNumberProblems(
  log: readonly LoggedWrite[],
  state: FinalState,
  seeded: Set<string>,
): string[] {
  const creates = log.filter((w) => w.entity === "order" && w.kind === "create");
  const byNumber = new Map<string, LoggedWrite[]>();
  for (const create of creates) byNumber.set(create.key, [...(byNumber.get(create.key) ?? []), create]);
  // The vendor numbers max + 1, so a deleted newest order's number comes back: two creates of
  // one number are fine when the first order's delete was acknowledged before the second began.
  const deletedAt = (no: string) =>
    log.filter((w) => w.entity === "order" && w.kind === "delete" && w.key === no).map((w) => w.ackedAt);
  const problems = [...byNumber].flatMap(([no, all]) =>
    all.slice(1).flatMap((later, i) => {
      const earlier = all[i] as LoggedWrite;
      const freed = deletedAt(no).some((at) => at >= earlier.ackedAt && at <= later.startedAt);
      return freed
        ? []
        : [`${no} created twice while the first order lived (writes #${earlier.seq}, #${later.seq})`];
    }),
  );
  for (const [side, rows] of [
    ["legacy", state.legacy],
    ["new", state.fresh],
  ] as const) {
    for (const [key, row] of rows) {
      if (!key.startsWith("order:")) continue;
      const no = key.slice("order:".length);
      const create = byNumber.get(no)?.at(-1); // the number's latest order
      // An API create whose commit answer a Firestore restart cut runs again under a new number:
      // the first order is the same create (its remark says which), made twice by the client.
      const again = creates.some((c) => c.side === "new" && same(c.fields.remark, row.remark));
      if (!create && !seeded.has(no) && !again) problems.push(`${no} on ${side} was never created`);
      else if (create && !same(row.client_code, create.customerCode))
        problems.push(`${no} on ${side} belongs to ${row.client_code}, created for ${create.customerCode}`);
    }
  }
  return problems;
}
