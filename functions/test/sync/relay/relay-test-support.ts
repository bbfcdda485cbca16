import type { PubSub, Subscription } from "@google-cloud/pubsub";
import type pg from "pg";
import {
  type LegacyClientRow,
  type LegacyDeliveryRow,
  legacyClientColumns,
  legacyDeliveryColumns,
} from "../../../src/legacy/legacy-rows.js";
import { type ChangeMessage, changeMessageSchema } from "../../../src/sync/change-message.js";

export async function insertRow(
  db: pg.Pool | pg.PoolClient,
  table: "clients" | "deliveries",
  row: LegacyClientRow | LegacyDeliveryRow,
): Promise<void> {
  const columns: string[] = table === "clients" ? legacyClientColumns : legacyDeliveryColumns;
  const values = columns.map((column) => (row as Record<string, unknown>)[column]);
  const placeholders = columns.map((_, index) => `$${index + 1}`).join(", ");
  await db.query(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${placeholders})`, values);
}

export interface ReceivedChange {
  message: ChangeMessage;
  orderingKey: string;
  attributes: Record<string, string>;
}

/** Creates the topic (if absent) and an ordered pull subscription that sees everything published from now on. */
export async function orderedPullSubscription(
  pubsub: PubSub,
  topicName: string,
  subscriptionName: string,
): Promise<Subscription> {
  const topic = pubsub.topic(topicName);
  const [exists] = await topic.exists();
  if (!exists) await pubsub.createTopic(topicName);
  const [subscription] = await topic.createSubscription(subscriptionName, { enableMessageOrdering: true });
  return subscription;
}

/** Pulls (and acks) until `count` messages arrived, or `timeoutMs` passed; waits `settleMs` more for extras. */
export function pullMessages(
  subscription: Subscription,
  count: number,
  timeoutMs = 30_000,
  settleMs = 1_500,
): Promise<ReceivedChange[]> {
  const received: ReceivedChange[] = [];
  return new Promise((resolve) => {
    let settle: NodeJS.Timeout | undefined;
    const finish = () => {
      subscription.removeAllListeners("message");
      void subscription.close().then(() => resolve(received));
    };
    const deadline = setTimeout(finish, timeoutMs);
    subscription.on("message", (message) => {
      message.ack();
      received.push({
        message: changeMessageSchema.parse(JSON.parse(message.data.toString("utf8"))),
        orderingKey: message.orderingKey ?? "",
        attributes: message.attributes,
      });
      if (received.length >= count && !settle) {
        clearTimeout(deadline);
        settle = setTimeout(finish, settleMs);
      }
    });
  });
}

/** Source versions received per customer, in arrival order. */
export function versionsByCustomer(received: ReceivedChange[]): Map<string, number[]> {
  const byCustomer = new Map<string, number[]>();
  for (const { message } of received) {
    const versions = byCustomer.get(message.customerCode) ?? [];
    versions.push(message.sourceVersion);
    byCustomer.set(message.customerCode, versions);
  }
  return byCustomer;
}
