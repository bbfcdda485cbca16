import pg from "pg";
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
