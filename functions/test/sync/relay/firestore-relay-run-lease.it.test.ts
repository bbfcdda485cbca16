import { deleteApp } from "firebase-admin/app";
import type { Firestore } from "firebase-admin/firestore";
import { afterAll, describe, expect, it } from "vitest";
import { firebaseApp, firestoreFor } from "../../../src/adapters/firebase-app.js";
import { FirestoreRelayRunLease } from "../../../src/sync/relay/firestore-relay-run-lease.js";
import { uniqueProjectId } from "../../support/test-env.js";

/** The run lease on the real Firestore emulator: its transactions, not only its pure steps. */
const projects: string[] = [];
const timing = { ttlMs: 1_000, pollMs: 50 };

/** Each test on its own project: leases of one test never meet another's. */
function freshDb(): Firestore {
  const projectId = uniqueProjectId("run-lease");
  projects.push(projectId);
  return firestoreFor(firebaseApp(projectId));
}
afterAll(async () => {
  for (const projectId of projects) await deleteApp(firebaseApp(projectId));
});

describe("FirestoreRelayRunLease", () => {
  it("of calls racing for a free lease exactly one holds it; the others, giving up, take back their request", async () => {
    // A long term: contended transactions on the emulator can take seconds to settle.
    const lease = new FirestoreRelayRunLease(freshDb(), "outbox", { ttlMs: 60_000, pollMs: 50 });
    const held = await Promise.all(["a", "b", "c", "d"].map((holder) => lease.acquire(holder, 0)));
    expect(held.filter(Boolean)).toHaveLength(1);
    const holder = ["a", "b", "c", "d"][held.indexOf(true)] as string;
    expect(await lease.renew(holder)).toBe("keep"); // no loser's request is left on the lease
  });

  it("hands over: the asker waits, the holder is told to yield, release gives the asker the lease", async () => {
    const lease = new FirestoreRelayRunLease(freshDb(), "legacy", { ttlMs: 10_000, pollMs: 200 });
    expect(await lease.acquire("old", 0)).toBe(true);
    expect(await lease.renew("old")).toBe("keep");
    const asking = lease.acquire("new", 5_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(await lease.renew("old")).toBe("yield");
    await lease.release("old");
    expect(await asking).toBe(true);
    expect(await lease.renew("old")).toBe("lost");
    expect(await lease.renew("new")).toBe("keep");
  });

  it("a holder that stops renewing loses the lease after its term", async () => {
    const lease = new FirestoreRelayRunLease(freshDb(), "outbox", timing);
    expect(await lease.acquire("killed", 0)).toBe(true);
    const started = Date.now();
    expect(await lease.acquire("next", 5_000)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    expect(await lease.renew("killed")).toBe("lost");
  });
});
