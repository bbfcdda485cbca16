import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import { firebaseApp } from "../../src/adapters/firebase-app.js";
import { FirestoreFlagStore } from "../../src/flags/firestore-flag-store.js";
import { legacyClientColumns } from "../../src/legacy/legacy-rows.js";
import { classifyClientRow } from "../../src/legacy/mapping/classify.js";
import { seedBenchCustomers } from "../sync/bench-phases.js";

/** Customers per stage, one half for the API's writes and one for the bare's, so neither stales the other's ETags. */
export interface BenchCustomers {
  off: { api: string[]; bare: string[] };
  live: { api: string[]; bare: string[] };
}

const halves = (codes: string[], count: number) => ({ api: codes.slice(0, count), bare: codes.slice(count) });

/**
 * `off`: seeded vendor customers without an assignment (legacy answers), only rows the mapping
 * accepts. `live`: customers assigned `live` and copied to Firestore by the running sync (the new
 * system answers; bench/sync's set-up, codes 09xxxxx).
 */
export async function benchCustomers(
  projectId: string,
  db: Firestore,
  pool: pg.Pool,
  count: number,
): Promise<BenchCustomers> {
  const rows = await pool.query(
    `SELECT ${legacyClientColumns.join(", ")} FROM clients WHERE client_code ~ '^1[0-9]{6}$' ORDER BY client_code`,
  );
  const off = (rows.rows as { client_code: string }[])
    .filter((row) => classifyClientRow(row).outcome !== "rejected")
    .map((row) => row.client_code)
    .slice(0, count * 2);
  if (off.length < count * 2) throw new Error(`only ${off.length} seeded customers map; raise BENCH_SCALE`);
  const live = await seedBenchCustomers(firebaseApp(projectId), db, pool, count * 2);
  return { off: halves(off, count), live: halves(live, count) };
}

/** Five flags of the kinds the dashboard and the rollout use: fractional, lists, prefixes, plain. */
const benchFlags: Record<string, Record<string, unknown>> = {
  "dashboard-theme": {
    state: "ENABLED",
    variants: { classic: "classic", calm: "calm", bold: "bold" },
    defaultVariant: "classic",
    targeting: {
      fractional: [
        ["classic", 50],
        ["calm", 30],
        ["bold", 20],
      ],
    },
  },
  "order-form-v2": {
    state: "ENABLED",
    variants: { on: true, off: false },
    defaultVariant: "off",
    targeting: { if: [{ in: [{ var: "area" }, ["A", "B", "H"]] }, "on", "off"] },
  },
  "sms-template": {
    state: "ENABLED",
    variants: { standard: "standard", short: "short" },
    defaultVariant: "standard",
    targeting: { if: [{ starts_with: [{ var: "targetingKey" }, "100"] }, "short", "standard"] },
  },
  "same-day-slots": {
    state: "ENABLED",
    variants: { two: 2, four: 4 },
    defaultVariant: "two",
    targeting: { if: [{ "==": [{ var: "customerType" }, "business"] }, "four", "two"] },
  },
  "maintenance-banner": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off" },
};

export async function writeBenchFlags(projectId: string): Promise<string[]> {
  const store = new FirestoreFlagStore(firebaseApp(projectId));
  for (const [key, definition] of Object.entries(benchFlags))
    await store.writeFlag({ key, definition, expectedVersion: 0, updatedBy: "bench", reason: "bench:api" });
  return Object.keys(benchFlags);
}

/** The OFREP contexts the bulk requests rotate over: one customer each, with the attributes flags target. */
export function ofrepContexts(codes: string[], count: number): Record<string, string>[] {
  const areas = ["A", "B", "C", "H", "K"];
  return Array.from({ length: count }, (_, i) => ({
    targetingKey: codes[i % codes.length] ?? `100${i}`,
    area: areas[i % areas.length] ?? "A",
    customerType: i % 3 === 0 ? "business" : "household",
  }));
}
