import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Message, PubSub, type Subscription } from "@google-cloud/pubsub";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testEnv, uniqueProjectId } from "../../../functions/test/support/test-env.js";
import { DeliveryAttempts } from "../../src/services/delivery-attempts.js";
import {
  OrderedPushDelivery,
  type OrderedPushDeliveryOptions,
} from "../../src/services/ordered-push-delivery.js";

/**
 * OrderedPushDelivery against the real Pub/Sub emulator, pushing to a local HTTP endpoint that
 * records every request and answers what the test says: replays of acknowledged messages, nacks
 * within a replay, attempts counted across a restart, concurrent duplicates.
 */
interface Received {
  messageId: string;
  orderingKey: string | undefined;
  /** The published payload: the message's index within its key. */
  index: number;
  deliveryAttempt: number;
  body: PushBody;
  startedAt: number;
  answeredAt: number | undefined;
  status: number | undefined;
}

interface PushBody {
  message: {
    data: string;
    attributes: Record<string, string>;
    messageId: string;
    message_id: string;
    publishTime: string;
    publish_time: string;
    orderingKey?: string;
  };
  subscription: string;
  deliveryAttempt: number;
}

/** What the endpoint answers to a request (it may wait first); default 200. */
type Responder = (request: Received, received: Received[]) => number | Promise<number>;

let pubsub: PubSub;
let server: Server;
let endpoint: string;
let received: Received[] = [];
let respond: Responder = () => 200;
const deliveries: OrderedPushDelivery[] = [];
let nameCount = 0;

beforeAll(async () => {
  pubsub = new PubSub({
    projectId: uniqueProjectId("ordered-push"),
    apiEndpoint: testEnv().PUBSUB_EMULATOR_HOST,
  });
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => void answer(Buffer.concat(chunks).toString("utf8"), response));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/push`;
});

async function answer(text: string, response: ServerResponse): Promise<void> {
  const body = JSON.parse(text) as PushBody;
  const request: Received = {
    messageId: body.message.messageId,
    orderingKey: body.message.orderingKey,
    index: Number(Buffer.from(body.message.data, "base64").toString("utf8")),
    deliveryAttempt: body.deliveryAttempt,
    body,
    startedAt: performance.now(),
    answeredAt: undefined,
    status: undefined,
  };
  received.push(request);
  const status = await Promise.resolve(respond(request, received)).catch(() => 500);
  request.answeredAt = performance.now();
  request.status = status;
  response.writeHead(status).end();
}

afterEach(async () => {
  await Promise.all(deliveries.splice(0).map((delivery) => delivery.stop()));
  received = [];
  respond = () => 200;
});

afterAll(async () => {
  await pubsub?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** A fresh ordered topic and pull subscription (the emulator does not push: the delivery does). */
async function orderedTopic(): Promise<{ topic: string; subscription: string }> {
  nameCount += 1;
  const topic = `ordered-${nameCount}`;
  const subscription = `${topic}-push`;
  const [created] = await pubsub.createTopic(topic);
  await created.createSubscription(subscription, { enableMessageOrdering: true, ackDeadlineSeconds: 10 });
  return { topic, subscription };
}

/** Publishes messages whose payload is their index within the key, in order per key. */
async function publish(topic: string, keys: string[], perKey: number): Promise<string[]> {
  const publisher = pubsub.topic(topic, { messageOrdering: true });
  const ids: Promise<string>[] = [];
  for (let index = 0; index < perKey; index += 1)
    for (const key of keys)
      ids.push(publisher.publishMessage({ data: Buffer.from(String(index)), orderingKey: key }));
  return Promise.all(ids);
}

function deliver(subscription: string, options: Partial<OrderedPushDeliveryOptions> = {}) {
  const delivery = new OrderedPushDelivery({
    pubsub,
    subscription,
    endpoint: () => endpoint,
    minBackoffMs: 50,
    maxBackoffMs: 200,
    ...options,
  });
  deliveries.push(delivery);
  delivery.start();
  return delivery;
}

async function eventually(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) {
      const seen = received.map((r) => `${r.orderingKey}:${r.index}@${r.deliveryAttempt}=${r.status}`);
      throw new Error(`timed out waiting for ${what}; the endpoint received ${seen.join(" ")}`);
    }
    await sleep(20);
  }
}

/** The first message the subscription receives (acknowledged), for the dead-letter topic. */
function firstMessage(subscription: Subscription): Promise<Message> {
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error("nothing was dead-lettered")), 30_000);
    subscription.once("message", (message: Message) => {
      clearTimeout(timeout);
      message.ack();
      void subscription.close().then(() => resolve(message));
    });
  });
}

/** A seeded pseudo-random source, so a failing run can be looked at again. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function ofKey(key: string): Received[] {
  return received.filter((request) => request.orderingKey === key);
}

/** "index@attempt" per request of the key, in the order the endpoint received them. */
function trace(key: string): string[] {
  return ofKey(key).map((request) => `${request.index}@${request.deliveryAttempt}`);
}

/**
 * Pub/Sub's order per key: each request is the next message after the previous one, or a
 * redelivery of one already delivered (which then continues in order); never a skip forward, and
 * a redelivery ends with everything up to the newest delivered message.
 */
function orderViolations(indexes: number[]): string[] {
  const violations: string[] = [];
  indexes.forEach((index, at) => {
    const previous = at === 0 ? -1 : (indexes[at - 1] ?? -1);
    if (index > previous + 1) violations.push(`${index} after ${previous} at ${at}`);
  });
  if (indexes.length > 0 && indexes.at(-1) !== Math.max(...indexes)) violations.push("replay cut short");
  return violations;
}

describe("OrderedPushDelivery", () => {
  it("replays an acknowledged message after later ones, followed by the later ones in order", async () => {
    const { topic, subscription } = await orderedTopic();
    let asks = 0;
    // Asked after every ack: yes after the third; random 0 picks the oldest of the window.
    const delivery = deliver(subscription, { replays: () => ++asks === 3, random: () => 0 });
    await publish(topic, ["a"], 6); // the emulator hands all six out at once: 3–5 wait on the key
    await eventually("the replay", () => received.length === 9 && delivery.pending === 0);
    await sleep(300); // and nothing more
    expect(trace("a")).toEqual([
      ...["0@1", "1@1", "2@1"],
      ...["0@2", "1@2", "2@2"], // the replay, before anything new of the key
      ...["3@1", "4@1", "5@1"],
    ]);
    expect(delivery.counts).toMatchObject({ messages: 6, settled: 6, replayed: 3, deliveries: 9 });
    // A replayed push is the same push body, only the attempt differs.
    const [first] = received;
    const replayed = received[3];
    expect(first?.body).toEqual({
      message: {
        data: Buffer.from("0").toString("base64"),
        attributes: {},
        messageId: first?.messageId,
        message_id: first?.messageId,
        publishTime: expect.any(String),
        publish_time: first?.body.message.publishTime,
        orderingKey: "a",
      },
      subscription: `projects/${pubsub.projectId}/subscriptions/${subscription}`,
      deliveryAttempt: 1,
    });
    expect(replayed?.body).toEqual({ ...first?.body, deliveryAttempt: 2 });
  });

  it("never breaks the order of a key under random replays and failures, keys in parallel", async () => {
    const { topic, subscription } = await orderedTopic();
    const random = mulberry32(20261201);
    respond = async () => {
      await sleep(5);
      return random() < 0.1 ? 500 : 200;
    };
    const delivery = deliver(subscription, { replays: () => random() < 0.2, random });
    const keys = ["k1", "k2", "k3"];
    await publish(topic, keys, 15);
    await eventually("every message settled", () => delivery.counts.settled === 45 && delivery.pending === 0);
    for (const key of keys) {
      const indexes = ofKey(key).map((request) => request.index);
      expect(orderViolations(indexes), `order of ${key}: ${trace(key).join(" ")}`).toEqual([]);
      expect(Math.max(...indexes)).toBe(14);
    }
    expect(delivery.counts.replayed).toBeGreaterThan(0);
    const replays = keys.filter((key) =>
      ofKey(key).some((request, at, all) => request.index < (all[at - 1]?.index ?? 0)),
    );
    expect(replays.length).toBeGreaterThan(0);
    // Keys are delivered in parallel: another key's request arrived while one was outstanding.
    const overlapping = received.some((one) =>
      received.some(
        (other) =>
          other.orderingKey !== one.orderingKey &&
          other.startedAt > one.startedAt &&
          other.startedAt < (one.answeredAt ?? 0),
      ),
    );
    expect(overlapping).toBe(true);
  });

  it("re-posts a message nacked within a replay and every later one again", async () => {
    const { topic, subscription } = await orderedTopic();
    let asks = 0;
    respond = (request) => (request.index === 1 && request.deliveryAttempt === 2 ? 500 : 200);
    const delivery = deliver(subscription, { replays: () => ++asks === 4, random: () => 0 });
    await publish(topic, ["a"], 4);
    await eventually("the replay", () => received.length === 9 && delivery.pending === 0);
    await sleep(300); // and nothing more
    expect(trace("a")).toEqual([
      ...["0@1", "1@1", "2@1", "3@1"],
      ...["0@2", "1@2"], // nacked: 2 and 3 were acknowledged after it
      ...["1@3", "2@2", "3@2"],
    ]);
    const [nacked, retried] = ofKey("a").filter(
      (request) => request.index === 1 && request.deliveryAttempt > 1,
    );
    expect((retried?.startedAt ?? 0) - (nacked?.answeredAt ?? 0)).toBeGreaterThanOrEqual(45); // backoff
    expect(delivery.counts).toMatchObject({ settled: 4, replayed: 4, failedDeliveries: 1 });
  });

  it("counts attempts across a restart and dead-letters at maxDeliveryAttempts", async () => {
    const { topic, subscription } = await orderedTopic();
    const deadLetterTopic = `${topic}-dead`;
    const [dead] = await pubsub.createTopic(deadLetterTopic);
    const [deadLetters] = await dead.createSubscription(`${deadLetterTopic}-pull`);
    let release: () => void = () => undefined;
    const released = new Promise<number>((resolve) => {
      release = () => resolve(200);
    });
    // Message 0 fails twice; its third attempt is still unanswered when stop() is called (so its
    // ack is lost), then it fails again; message 1, waiting behind it, is fine.
    respond = (request) => (request.index === 1 ? 200 : request.deliveryAttempt === 3 ? released : 500);
    const attempts = new DeliveryAttempts();
    const options = { attempts, maxDeliveryAttempts: 5, deadLetterTopic };
    const first = deliver(subscription, options);
    const [failing, behind] = await publish(topic, ["a"], 2);
    await eventually("the third attempt", () => received.length === 3);
    const stopping = first.stop();
    release();
    await stopping;
    expect(first.counts.settled).toBe(0);

    const second = deliver(subscription, options);
    await eventually("both settled", () => second.counts.settled === 2);
    await sleep(300); // and nothing more
    expect(trace("a")).toEqual(["0@1", "0@2", "0@3", "0@4", "0@5", "1@1"]);
    expect(received[2]?.status).toBe(200); // too late: not acknowledged, so redelivered as attempt 4
    expect(second.counts).toMatchObject({ deadLettered: 1, settled: 2 });
    expect([attempts.count(failing ?? ""), attempts.count(behind ?? "")]).toEqual([5, 1]);

    const forwarded = await firstMessage(deadLetters);
    expect(forwarded.data.toString()).toBe("0");
    expect(forwarded.attributes).toEqual({
      CloudPubSubDeadLetterSourceDeliveryCount: "5",
      CloudPubSubDeadLetterSourceSubscription: subscription,
      CloudPubSubDeadLetterSourceSubscriptionProject: pubsub.projectId,
      CloudPubSubDeadLetterSourceTopicPublishTime: received[0]?.body.message.publishTime,
    });
  });

  it("keeps a nacked message's backoff across a restart, as the service does: the next subscriber waits for it too", async () => {
    const { topic, subscription } = await orderedTopic();
    respond = (request) => (request.deliveryAttempt === 1 ? 500 : 200);
    const attempts = new DeliveryAttempts();
    const options = { attempts, minBackoffMs: 1_500, maxBackoffMs: 5_000 };
    const first = deliver(subscription, options);
    await publish(topic, ["a"], 1);
    await eventually("the failed first attempt", () => received[0]?.answeredAt !== undefined);
    await sleep(100);
    await first.stop(); // the emulator hands the message to the next subscriber at once
    const second = deliver(subscription, options);
    await eventually("settled", () => second.counts.settled === 1);
    expect(trace("a")).toEqual(["0@1", "0@2"]);
    // Cloud Pub/Sub holds a nacked message back for its backoff whoever subscribes; a restarted
    // stand-in that tried at once would burn attempts (and dead-letter) faster than the service.
    const waited = (received[1]?.startedAt ?? 0) - (received[0]?.answeredAt ?? 0);
    expect(waited).toBeGreaterThanOrEqual(1_400);
  });

  it("posts the copies of an attempt concurrently and redelivers when one copy fails", async () => {
    const { topic, subscription } = await orderedTopic();
    // Each answer takes 150 ms; the first copy to arrive of the first attempt fails.
    respond = async (request, all) => {
      await sleep(150);
      return all.indexOf(request) === 0 ? 500 : 200;
    };
    const delivery = deliver(subscription, { copies: () => 2 });
    await publish(topic, ["a"], 1);
    await eventually("settled", () => delivery.counts.settled === 1 && received.length === 4);
    await sleep(300); // and nothing more
    const [one, two, three, four] = received;
    expect(received.map((request) => request.deliveryAttempt)).toEqual([1, 1, 2, 2]);
    expect(new Set(received.map((request) => request.messageId)).size).toBe(1);
    // The duplicate arrived while the first copy was still unanswered, within a few ms.
    expect((two?.startedAt ?? 0) - (one?.startedAt ?? 0)).toBeLessThan(50);
    expect(two?.startedAt).toBeLessThan(one?.answeredAt ?? 0);
    expect(four?.startedAt).toBeLessThan(three?.answeredAt ?? 0);
    expect(delivery.counts).toMatchObject({
      messages: 1,
      settled: 1,
      deliveries: 4,
      duplicates: 2,
      failedDeliveries: 1,
    });
  });
});
