import { readFileSync } from "node:fs";
import type { PubSub } from "@google-cloud/pubsub";
import { z } from "zod";
import type { DeliveryAttempts } from "./delivery-attempts.js";
import type { DeliveryTrace } from "./delivery-trace.js";
import { OrderedPushDelivery, type OrderedPushDeliveryOptions } from "./ordered-push-delivery.js";

const topologySchema = z.object({
  topics: z.array(z.object({ name: z.string(), deadLetterTopic: z.string().optional() })),
  subscriptions: z.array(
    z.object({
      name: z.string(),
      topic: z.string(),
      ackDeadlineSeconds: z.number().int().min(10).max(600).default(60),
      /** Name of the function a push subscription delivers to. */
      pushToFunction: z.string().optional(),
      enableMessageOrdering: z.boolean().default(false),
      deadLetterTopic: z.string().optional(),
      maxDeliveryAttempts: z.number().int().min(5).max(100).optional(),
      /** Retry policy: exponential backoff between these bounds (Pub/Sub allows 0–600 s). */
      minimumBackoffSeconds: z.number().int().min(0).max(600).default(10),
      maximumBackoffSeconds: z.number().int().min(0).max(600).default(600),
    }),
  ),
});
export type PubSubTopology = z.infer<typeof topologySchema>;

/** The functions framework reads the topic from the push URL's path (as Eventarc delivers it). */
export function pushUrl(functionUrl: string, projectId: string, topic: string): string {
  return `${functionUrl}projects/${projectId}/topics/${topic}`;
}

export function readTopology(path: string): PubSubTopology {
  return topologySchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

/**
 * Creates topics and subscriptions in the emulator (idempotently: an existing one is kept).
 * Push endpoints are resolved to the local function processes by name.
 */
export async function applyTopology(
  pubsub: PubSub,
  topology: PubSubTopology,
  functionUrls: Record<string, string>,
  /** "pull": push subscriptions are created without an endpoint, for OrderedPushDelivery to serve. */
  delivery: "emulator-push" | "pull" = "emulator-push",
): Promise<void> {
  const [existingTopics] = await pubsub.getTopics();
  const topicNames = new Set(existingTopics.map((topic) => topic.name.split("/").pop()));
  for (const topic of topology.topics) {
    if (!topicNames.has(topic.name)) await pubsub.createTopic(topic.name);
  }
  const [existingSubscriptions] = await pubsub.getSubscriptions();
  const subscriptionNames = new Set(existingSubscriptions.map((s) => s.name.split("/").pop()));
  for (const subscription of topology.subscriptions) {
    if (subscriptionNames.has(subscription.name)) continue;
    const functionUrl = subscription.pushToFunction ? functionUrls[subscription.pushToFunction] : undefined;
    const pushEndpoint = functionUrl && pushUrl(functionUrl, pubsub.projectId, subscription.topic);
    // That function is not part of this stack (a pull-delivered stack creates them all).
    if (subscription.pushToFunction && !pushEndpoint && delivery === "emulator-push") continue;
    await pubsub.topic(subscription.topic).createSubscription(subscription.name, {
      ackDeadlineSeconds: subscription.ackDeadlineSeconds,
      enableMessageOrdering: subscription.enableMessageOrdering,
      ...(pushEndpoint && delivery === "emulator-push" ? { pushConfig: { pushEndpoint } } : {}),
      ...(subscription.deadLetterTopic
        ? {
            deadLetterPolicy: {
              deadLetterTopic: pubsub.topic(subscription.deadLetterTopic).name,
              maxDeliveryAttempts: subscription.maxDeliveryAttempts ?? 5,
            },
          }
        : {}),
      retryPolicy: {
        minimumBackoff: { seconds: subscription.minimumBackoffSeconds },
        maximumBackoff: { seconds: subscription.maximumBackoffSeconds },
      },
    });
  }
}

/**
 * Serves every push subscription of the topology whose function is given, through
 * OrderedPushDelivery (Cloud Pub/Sub's concurrency) instead of the emulator's one-at-a-time push.
 * The subscriptions must have been created with `applyTopology(..., "pull")`. A harness that stops
 * and serves again passes `attempts`, the same DeliveryAttempts per subscription each time, so
 * `deliveryAttempt` and dead-lettering count across the restart as the service does.
 */
export function deliverPushSubscriptions(
  pubsub: PubSub,
  topology: PubSubTopology,
  functionUrls: Record<string, () => string>,
  {
    attempts,
    trace,
    ...options
  }: Pick<OrderedPushDeliveryOptions, "copies" | "minBackoffMs" | "maxBackoffMs" | "replays" | "random"> & {
    attempts?: (subscription: string) => DeliveryAttempts;
    trace?: (subscription: string) => DeliveryTrace;
  } = {},
): Map<string, OrderedPushDelivery> {
  const deliveries = new Map<string, OrderedPushDelivery>();
  for (const subscription of topology.subscriptions) {
    const functionUrl = subscription.pushToFunction && functionUrls[subscription.pushToFunction];
    if (!functionUrl) continue;
    const delivery = new OrderedPushDelivery({
      pubsub,
      subscription: subscription.name,
      endpoint: () => pushUrl(functionUrl(), pubsub.projectId, subscription.topic),
      deadLetterTopic: subscription.deadLetterTopic,
      maxDeliveryAttempts: subscription.maxDeliveryAttempts,
      minBackoffMs: subscription.minimumBackoffSeconds * 1_000,
      maxBackoffMs: subscription.maximumBackoffSeconds * 1_000,
      attempts: attempts?.(subscription.name),
      trace: trace?.(subscription.name),
      ...options,
    });
    delivery.start();
    deliveries.set(subscription.name, delivery);
  }
  return deliveries;
}
