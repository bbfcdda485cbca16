import type { Firestore } from "firebase-admin/firestore";
import pg from "pg";
import { collections } from "../firestore-records.js";
import type { Doorbell } from "./doorbell.js";

/** Rings on every `NOTIFY sync_changes` (sent by the capture trigger). Returns a closer. */
export async function ringOnLegacyNotify(url: string, doorbell: Doorbell): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined); // a lost listener only costs latency: the loop still polls
  await client.connect();
  client.on("notification", () => doorbell.ring());
  await client.query("LISTEN sync_changes");
  return () => client.end();
}

/** Rings whenever the set of unpublished outbox entries changes. Returns a closer. */
export function ringOnOutboxChange(db: Firestore, doorbell: Doorbell): () => Promise<void> {
  const unsubscribe = db
    .collection(collections.outbox)
    .where("published", "==", false)
    .limit(1) // the loop only waits once the backlog is empty, so the first new entry is enough
    .onSnapshot(
      () => doorbell.ring(),
      () => undefined,
    );
  return async () => unsubscribe();
}
