import type { Firestore } from "firebase-admin/firestore";
import type { MigrationStage } from "../domain/customer.js";
import { servesFromNew } from "../migration/migration-stage.js";
import { deadLettersCollection } from "../sync/apply/dead-letters.js";
import { conflictsCollection } from "../sync/conflicts/conflict-record.js";
import type { BacklogReader } from "../sync/status/status-ports.js";
import type { SyncVerifier } from "../sync/verify/sync-verifier.js";
import type { GateResult } from "./wave-record.js";

export interface GateInput {
  customerCodes: readonly string[];
  from: MigrationStage;
  to: MigrationStage;
  now: Date;
}

/**
 * One check a wave runs before a step; every gate runs, and the step goes ahead only when all
 * passed. "Monitoring, alerts, go/no-go…" adds metric gates behind this same interface.
 */
export interface WaveGate {
  readonly name: string;
  check(input: GateInput): Promise<GateResult>;
}

const named = (codes: readonly string[]) =>
  `${codes.slice(0, 10).join(", ")}${codes.length > 10 ? ", …" : ""}`;

/** Open records of `collection` for these customers (open ones are few: read all, filter here). */
async function openFor(db: Firestore, collection: string, codes: readonly string[]): Promise<string[]> {
  const wanted = new Set(codes);
  const open = await db.collection(collection).where("status", "==", "open").select("customerCode").get();
  return [
    ...new Set(open.docs.map((doc) => doc.get("customerCode") as string).filter((code) => wanted.has(code))),
  ];
}

export function openConflictsGate(db: Firestore): WaveGate {
  return {
    name: "no-open-conflicts",
    async check({ customerCodes }) {
      const held = await openFor(db, conflictsCollection, customerCodes);
      return {
        gate: this.name,
        passed: held.length === 0,
        detail:
          held.length === 0 ? "none open" : `${held.length} customer(s) with open conflicts: ${named(held)}`,
      };
    },
  };
}

export function deadLettersGate(db: Firestore): WaveGate {
  return {
    name: "no-dead-letters",
    async check({ customerCodes }) {
      const held = await openFor(db, deadLettersCollection, customerCodes);
      return {
        gate: this.name,
        passed: held.length === 0,
        detail:
          held.length === 0 ? "none open" : `${held.length} customer(s) with dead letters: ${named(held)}`,
      };
    },
  };
}

export interface BacklogLimits {
  /** Unpublished changes per direction. */
  maxBacklog: number;
  /** Age of the oldest unpublished change, seconds: the sync's lag as it stands. */
  maxLagSeconds: number;
}

export const defaultBacklogLimits: BacklogLimits = { maxBacklog: 1_000, maxLagSeconds: 120 };

export function syncBacklogGate(
  readers: Record<"legacy-to-new" | "new-to-legacy", BacklogReader>,
  limits: BacklogLimits,
): WaveGate {
  return {
    name: "sync-backlog",
    async check({ now }) {
      const problems: string[] = [];
      const figures: string[] = [];
      for (const [direction, reader] of Object.entries(readers)) {
        const { backlog, oldestUnpublishedAt } = await reader.read(now);
        const lag = oldestUnpublishedAt
          ? Math.round((now.getTime() - oldestUnpublishedAt.getTime()) / 1000)
          : 0;
        figures.push(`${direction} ${backlog} waiting, ${lag} s`);
        if (backlog > limits.maxBacklog)
          problems.push(`${direction} backlog ${backlog} > ${limits.maxBacklog}`);
        if (lag > limits.maxLagSeconds)
          problems.push(`${direction} lag ${lag} s > ${limits.maxLagSeconds} s`);
      }
      return {
        gate: this.name,
        passed: problems.length === 0,
        detail: problems.length === 0 ? figures.join("; ") : problems.join("; "),
      };
    },
  };
}

/**
 * Before customers start being served by the new system: compares each now (the results are the
 * verifications their stage change then checks, fresh) and passes only when every one is equal.
 */
export function verificationGate(verifier: SyncVerifier): WaveGate {
  return {
    name: "verified-equal",
    async check({ customerCodes, from, to }) {
      if (!servesFromNew(to) || servesFromNew(from))
        return { gate: this.name, passed: true, detail: "not needed for this step" };
      const results = await verifier.verifyMany(customerCodes);
      const unequal = results.filter((result) => !result.equal).map((result) => result.customerCode);
      return {
        gate: this.name,
        passed: unequal.length === 0,
        detail:
          unequal.length === 0
            ? `${results.length} verified equal`
            : `${unequal.length} differ: ${named(unequal.sort())}`,
      };
    },
  };
}

export async function checkGates(gates: readonly WaveGate[], input: GateInput): Promise<GateResult[]> {
  const results: GateResult[] = [];
  for (const gate of gates) {
    try {
      results.push(await gate.check(input));
    } catch (error) {
      results.push({
        gate: gate.name,
        passed: false,
        detail: `could not check: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return results;
}
