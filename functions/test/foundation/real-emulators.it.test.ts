import { PubSub } from "@google-cloud/pubsub";
import { deleteApp } from "firebase-admin/app";
import type { Firestore } from "firebase-admin/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firebaseApp, firestoreFor } from "../../src/adapters/firebase-app.js";
import { eventually } from "../support/eventually.js";
import { type RunningFunction, startFunction } from "../support/function-harness.js";
import { testEnv, uniqueProjectId } from "../support/test-env.js";

/**
 * Proves the services are the real ones, not stand-ins: Firestore serialises contending
 * transactions, and Pub/Sub pushes ordered messages to a function running under the
 * functions framework.
 */
const env = testEnv();
const projectId = uniqueProjectId("foundation");
let db: Firestore;
let pubsub: PubSub;
let recorder: RunningFunction;

beforeAll(async () => {
  db = firestoreFor(firebaseApp(projectId));
  pubsub = new PubSub({ projectId, apiEndpoint: env.PUBSUB_EMULATOR_HOST });
  recorder = await startFunction({
    name: "recordMessage",
    entry: "test/fixtures/record-messages-function.ts",
    signature: "cloudevent",
    env: {
      GCLOUD_PROJECT: projectId,
      FIRESTORE_EMULATOR_HOST: env.FIRESTORE_EMULATOR_HOST,
      METADATA_SERVER_DETECTION: "none",
    },
  });
});

afterAll(async () => {
  await recorder?.stop();
  await pubsub?.close();
  await deleteApp(firebaseApp(projectId));
});

/** The framework reads the topic from the push URL's path, as Eventarc would give it. */
function pushEndpointFor(fn: RunningFunction, topic: string): string {
  return `${fn.url}projects/${projectId}/topics/${topic}`;
}

describe("Firestore emulator", () => {
  it("serialises contending transactions: 20 concurrent increments lose none", async () => {
    const counter = db.collection("counters").doc("contended");
    await counter.set({ value: 0 });
    let attempts = 0;
    const increment = () =>
      db.runTransaction(
        async (tx) => {
          attempts += 1;
          const snapshot = await tx.get(counter);
          tx.update(counter, { value: (snapshot.get("value") as number) + 1 });
        },
        // Contenders are aborted and retried by the real engine; give them room to finish.
        { maxAttempts: 50 },
      );
    await Promise.all(Array.from({ length: 20 }, increment));
    expect((await counter.get()).get("value")).toBe(20);
    // A real transaction engine makes contenders wait or retry; a store without one would lose updates.
    expect(attempts).toBeGreaterThanOrEqual(20);
  });

  it("rejects a write that contradicts a read inside the same transaction's precondition", async () => {
    const doc = db.collection("counters").doc("precondition");
    const written = await doc.set({ value: 1 });
    await doc.update({ value: 2 });
    await expect(doc.update({ value: 3 }, { lastUpdateTime: written.writeTime })).rejects.toThrow();
    expect((await doc.get()).get("value")).toBe(2);
  });
});

describe("Pub/Sub emulator", () => {
  it("pushes ordered messages to a running function in order", async () => {
    const [topic] = await pubsub.createTopic("foundation-ordered");
    await topic.createSubscription("foundation-ordered-push", {
      enableMessageOrdering: true,
      pushConfig: { pushEndpoint: pushEndpointFor(recorder, "foundation-ordered") },
    });
    const publisher = pubsub.topic("foundation-ordered", { messageOrdering: true });
    const bodies = Array.from({ length: 20 }, (_, index) => `message-${String(index).padStart(2, "0")}`);
    for (const body of bodies)
      await publisher.publishMessage({
        data: Buffer.from(body),
        orderingKey: "0000001",
        attributes: { stream: "0000001" },
      });

    const received = db.collection("received").doc("0000001");
    const snapshot = await eventually(
      () => received.get(),
      (s) => ((s.get("bodies") as string[] | undefined) ?? []).length === bodies.length,
    );
    expect(snapshot.get("bodies")).toEqual(bodies);
  });

  it("keeps a message that no subscriber acknowledged until it is pulled", async () => {
    const [topic] = await pubsub.createTopic("foundation-pull");
    const [subscription] = await topic.createSubscription("foundation-pull-sub");
    await topic.publishMessage({ data: Buffer.from("kept"), attributes: { source: "test" } });
    const message = await new Promise<{ data: Buffer; attributes: Record<string, string> }>((resolve) => {
      subscription.on("message", (m) => {
        m.ack();
        resolve(m);
      });
    });
    await subscription.close();
    expect(message.data.toString()).toBe("kept");
    expect(message.attributes).toEqual({ source: "test" });
  });
});
