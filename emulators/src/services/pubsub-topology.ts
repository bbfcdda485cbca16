import { readFileSync } from "node:fs";
import type { PubSub } from "@google-cloud/pubsub";
import { z } from "zod";

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
    }),
  ),
});
export type PubSubTopology = z.infer<typeof topologySchema>;

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
    // The functions framework reads the topic from the push URL's path (as Eventarc delivers it).
    const pushEndpoint =
      functionUrl && `${functionUrl}projects/${pubsub.projectId}/topics/${subscription.topic}`;
    if (subscription.pushToFunction && !pushEndpoint) continue; // that function is not part of this stack
    await pubsub.topic(subscription.topic).createSubscription(subscription.name, {
      ackDeadlineSeconds: subscription.ackDeadlineSeconds,
      enableMessageOrdering: subscription.enableMessageOrdering,
      ...(pushEndpoint ? { pushConfig: { pushEndpoint } } : {}),
      ...(subscription.deadLetterTopic
        ? {
            deadLetterPolicy: {
              deadLetterTopic: pubsub.topic(subscription.deadLetterTopic).name,
              maxDeliveryAttempts: subscription.maxDeliveryAttempts ?? 5,
            },
          }
        : {}),
      retryPolicy: { minimumBackoff: { seconds: 1 }, maximumBackoff: { seconds: 60 } },
    });
  }
}
