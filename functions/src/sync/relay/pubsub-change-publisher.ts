import type { PubSub, Topic } from "@google-cloud/pubsub";
import { type ChangeMessage, changeAttributes } from "../change-message.js";
import type { ChangePublisher } from "./relay-ports.js";

/**
 * Publishes to one topic with message ordering on, ordering key = customer code (and the code in
 * the attributes too: the emulator drops orderingKey from push bodies). A failed publish pauses its
 * ordering key; the key is resumed so the next drain can publish it again. (In 6.3.0 a queue whose
 * batches all failed is also dropped, so the pause only bites publishes racing the failure; the
 * resume is kept for those and for library versions that keep the queue.)
 */
export class PubSubChangePublisher implements ChangePublisher {
  private readonly topic: Topic;

  constructor(pubsub: PubSub, topicName: string) {
    this.topic = pubsub.topic(topicName, {
      messageOrdering: true,
      // Latency over batching: a relay publishes whole batches at once anyway.
      batching: { maxMilliseconds: 5, maxMessages: 500 },
    });
  }

  async publishAll(messages: ChangeMessage[]): Promise<Set<string>> {
    const outcomes = await Promise.allSettled(
      messages.map((message) =>
        this.topic.publishMessage({
          data: Buffer.from(JSON.stringify(message)),
          orderingKey: message.customerCode,
          attributes: changeAttributes(message),
        }),
      ),
    );
    const acked = new Set<string>();
    outcomes.forEach((outcome, index) => {
      const message = messages[index];
      if (!message) return;
      if (outcome.status === "fulfilled") acked.add(message.changeId);
      else this.topic.resumePublishing(message.customerCode);
    });
    return acked;
  }
}
