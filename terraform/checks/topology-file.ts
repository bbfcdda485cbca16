import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export const topologyPath = "infra/pubsub/topology.json";

/**
 * How the local stack reads infra/pubsub/topology.json (emulators/src/services/pubsub-topology.ts:
 * its zod defaults, and `maxDeliveryAttempts ?? 5` where it creates a dead-letter policy). Terraform
 * must read the file the same way; the topology check compares the two.
 */
export const emulatorDefaults = {
  enableMessageOrdering: false,
  ackDeadlineSeconds: 60,
  maxDeliveryAttempts: 5,
  minimumBackoffSeconds: 10,
  maximumBackoffSeconds: 600,
} as const;

const subscriptionSchema = z.object({
  name: z.string(),
  topic: z.string(),
  pushToFunction: z.string().optional(),
  enableMessageOrdering: z.boolean().optional(),
  ackDeadlineSeconds: z.number().optional(),
  deadLetterTopic: z.string().optional(),
  maxDeliveryAttempts: z.number().optional(),
  minimumBackoffSeconds: z.number().optional(),
  maximumBackoffSeconds: z.number().optional(),
});
const topologySchema = z.object({
  topics: z.array(z.object({ name: z.string() }).loose()),
  subscriptions: z.array(z.record(z.string(), z.unknown())),
});

export type TopologySubscription = z.infer<typeof subscriptionSchema>;
export interface Topology {
  topics: string[];
  subscriptions: TopologySubscription[];
  /** Every field name used by any subscription, to catch those Terraform's type would drop. */
  fields: Set<string>;
}

export function readTopologyFile(repoRoot: string): Topology {
  const raw = topologySchema.parse(JSON.parse(readFileSync(join(repoRoot, topologyPath), "utf8")));
  const fields = new Set(raw.subscriptions.flatMap((s) => Object.keys(s)));
  return {
    topics: raw.topics.map((t) => t.name),
    subscriptions: raw.subscriptions.map((s) => subscriptionSchema.parse(s)),
    fields,
  };
}

/** The subscription as the emulator creates it (defaults filled in; attempts only with a dead-letter topic). */
export function asEmulatorCreatesIt(s: TopologySubscription): Record<string, unknown> {
  return {
    topic: s.topic,
    pushToFunction: s.pushToFunction ?? null,
    enableMessageOrdering: s.enableMessageOrdering ?? emulatorDefaults.enableMessageOrdering,
    ackDeadlineSeconds: s.ackDeadlineSeconds ?? emulatorDefaults.ackDeadlineSeconds,
    deadLetterTopic: s.deadLetterTopic ?? null,
    maxDeliveryAttempts: s.deadLetterTopic
      ? (s.maxDeliveryAttempts ?? emulatorDefaults.maxDeliveryAttempts)
      : null,
    minimumBackoffSeconds: s.minimumBackoffSeconds ?? emulatorDefaults.minimumBackoffSeconds,
    maximumBackoffSeconds: s.maximumBackoffSeconds ?? emulatorDefaults.maximumBackoffSeconds,
  };
}
