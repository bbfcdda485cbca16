import type { Firestore } from "firebase-admin/firestore";
import type pg from "pg";
import type { DeliveryTrace, TracedMessage } from "../../../../emulators/src/services/delivery-trace.js";
import type { SyncSource } from "../../../src/sync/change-message.js";
import { type Newest, recordsBehind } from "./ledger-backlog.js";

/** The subscription that carries each side's changes to the other side. */
const subscriptionOf: Record<SyncSource, string> = {
  new: "new-changes-apply",
  legacy: "legacy-changes-apply",
};

type Fate = "never received" | "waiting" | "acknowledged after a 2xx" | "dead-lettered";

interface Explained {
  record: Newest;
  fate: Fate;
  messages: TracedMessage[];
  /** Other messages of the customer's ordering key still unsettled: what the key may be stuck behind. */
  keyUnsettled: { label: string; events: number; last: unknown }[];
}

function fateOf(messages: TracedMessage[]): Fate {
  if (messages.length === 0) return "never received";
  const kinds = new Set(messages.flatMap((m) => m.events.map((e) => e.kind)));
  if (kinds.has("acked")) return "acknowledged after a 2xx";
  if (kinds.has("dead-lettered")) return "dead-lettered";
  return "waiting";
}

/**
 * For every record whose newest published change the other side has not applied (ledger-backlog),
 * where its message went, from the push deliveries' traces: never received from the emulator,
 * received and waiting, acknowledged after the apply answered 2xx (then the apply did not advance
 * the ledger), or dead-lettered. Counts per side and fate, and up to `examples` records per side.
 */
export async function explainUndelivered(
  db: Firestore,
  pool: pg.Pool,
  sinceCaptureId: number,
  traces: Map<string, DeliveryTrace>,
  examples = 15,
): Promise<Record<SyncSource, { fates: Record<string, number>; examples: Explained[] }>> {
  const behind = await recordsBehind(db, pool, sinceCaptureId);
  const explain = (side: SyncSource) => {
    const trace = traces.get(subscriptionOf[side]);
    const explained = behind[side].map((record): Explained => {
      const messages = trace?.find(`${record.entity}:${record.key}:${record.version}`) ?? [];
      const keyUnsettled = (trace?.unsettled(record.customerCode) ?? []).map((m) => ({
        label: m.label,
        events: m.events.length,
        last: m.events.at(-1),
      }));
      return { record, fate: fateOf(messages), messages, keyUnsettled };
    });
    const fates: Record<string, number> = {};
    for (const { fate } of explained) fates[fate] = (fates[fate] ?? 0) + 1;
    return { fates, examples: explained.slice(0, examples) };
  };
  return { new: explain("new"), legacy: explain("legacy") };
}
