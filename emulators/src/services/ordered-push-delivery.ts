import type { Message, PubSub, Subscription } from "@google-cloud/pubsub";

/**
 * Push delivery with Cloud Pub/Sub's semantics, for subscriptions the emulator cannot push fast
 * enough. The emulator pushes one message at a time per subscription (its PushLoop pulls one,
 * POSTs it, waits, then pulls the next; a failure also pauses the whole subscription for 1 s), so
 * at 50 messages/s any handler slower than 20 ms builds an unbounded queue. Cloud Pub/Sub pushes
 * concurrently, in order per ordering key. This delivers the same way from a real emulator pull
 * subscription: per key in order, keys in parallel, the exact push body, exponential backoff on
 * a non-2xx answer, dead-lettering after `maxDeliveryAttempts`, ack only after a 2xx.
 * Unacknowledged messages stay in the emulator (a stopped delivery loses nothing).
 */
export interface OrderedPushDeliveryOptions {
  pubsub: PubSub;
  subscription: string;
  /** The function's push URL (functions-framework reads the topic from its path). */
  endpoint: () => string;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  maxDeliveryAttempts?: number;
  deadLetterTopic?: string;
  /** How many times each attempt is POSTed (a chaos harness duplicates deliveries); default 1. */
  copies?: () => number;
}

export interface DeliveryCounts {
  messages: number;
  /** Acknowledged after a 2xx, or dead-lettered. */
  settled: number;
  deliveries: number;
  duplicates: number;
  failedDeliveries: number;
  deadLettered: number;
}

export class OrderedPushDelivery {
  readonly counts: DeliveryCounts = {
    messages: 0,
    settled: 0,
    deliveries: 0,
    duplicates: 0,
    failedDeliveries: 0,
    deadLettered: 0,
  };
  private readonly keys = new Map<string, Promise<void>>();
  private subscription: Subscription | undefined;
  private stopped = false;

  constructor(private readonly options: OrderedPushDeliveryOptions) {}

  /** Messages received and not yet settled (being delivered, or waiting behind their key). */
  get pending(): number {
    return this.counts.messages - this.counts.settled;
  }

  start(): void {
    const subscription = this.options.pubsub.subscription(this.options.subscription, {
      flowControl: { maxMessages: 2_000, allowExcessMessages: false },
    });
    subscription.on("message", (message: Message) => this.enqueue(message));
    subscription.on("error", () => undefined); // the emulator restarting under a test: the client reconnects
    this.subscription = subscription;
  }

  /** Stops pulling; messages not yet acknowledged are redelivered by Pub/Sub to the next subscriber. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await Promise.allSettled(this.keys.values());
  }

  private enqueue(message: Message): void {
    this.counts.messages += 1;
    const key = message.orderingKey || message.id; // no key: no ordering, deliver at once
    const previous = this.keys.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(message));
    this.keys.set(key, next);
    void next.finally(() => {
      if (this.keys.get(key) === next) this.keys.delete(key);
    });
  }

  private async deliver(message: Message): Promise<void> {
    const { minBackoffMs = 1_000, maxBackoffMs = 60_000, maxDeliveryAttempts } = this.options;
    for (let attempt = 1; !this.stopped; attempt += 1) {
      if (await this.attempt(message, attempt)) {
        message.ack();
        this.counts.settled += 1;
        return;
      }
      if (
        this.options.deadLetterTopic &&
        maxDeliveryAttempts !== undefined &&
        attempt >= maxDeliveryAttempts
      ) {
        await this.deadLetter(message, this.options.deadLetterTopic, attempt);
        return;
      }
      await sleep(Math.min(maxBackoffMs, minBackoffMs * 2 ** (attempt - 1)));
    }
  }

  /** One delivery attempt, POSTed `copies` times; acknowledged when the last copy got a 2xx. */
  private async attempt(message: Message, attempt: number): Promise<boolean> {
    const copies = Math.max(1, this.options.copies?.() ?? 1);
    let ok = false;
    for (let copy = 0; copy < copies && !this.stopped; copy += 1) {
      const status = await this.post(message, attempt).catch(() => 599);
      this.counts.deliveries += 1;
      if (copy > 0) this.counts.duplicates += 1;
      ok = status >= 200 && status < 300;
      if (!ok) this.counts.failedDeliveries += 1;
    }
    return ok;
  }

  private async post(message: Message, attempt: number): Promise<number> {
    const data = message.data.toString("base64");
    const publishTime = message.publishTime.toISOString();
    const body = {
      message: {
        data,
        attributes: message.attributes,
        messageId: message.id,
        message_id: message.id,
        publishTime,
        publish_time: publishTime,
        ...(message.orderingKey ? { orderingKey: message.orderingKey } : {}),
      },
      subscription: this.subscription?.name ?? this.options.subscription,
      deliveryAttempt: attempt,
    };
    const response = await fetch(this.options.endpoint(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    await response.arrayBuffer();
    return response.status;
  }

  private async deadLetter(message: Message, topic: string, attempts: number): Promise<void> {
    await this.options.pubsub.topic(topic).publishMessage({
      data: message.data,
      // The attributes Cloud Pub/Sub adds when it forwards a message to a dead-letter topic.
      attributes: {
        ...message.attributes,
        CloudPubSubDeadLetterSourceDeliveryCount: String(attempts),
        CloudPubSubDeadLetterSourceSubscription: this.options.subscription,
        CloudPubSubDeadLetterSourceSubscriptionProject: this.options.pubsub.projectId,
        CloudPubSubDeadLetterSourceTopicPublishTime: message.publishTime.toISOString(),
      },
    });
    this.counts.deadLettered += 1;
    this.counts.settled += 1;
    message.ack();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
