import type { Message, PubSub, Subscription } from "@google-cloud/pubsub";
import { DeliveryAttempts } from "./delivery-attempts.js";
import type { DeliveryTrace, UntimedDeliveryEvent } from "./delivery-trace.js";
import { ReplayWindows } from "./replay-windows.js";

/**
 * Push delivery with Cloud Pub/Sub's semantics, for subscriptions the emulator cannot push fast
 * enough. The emulator pushes one message at a time per subscription (its PushLoop pulls one,
 * POSTs it, waits, then pulls the next; a failure also pauses the whole subscription for 1 s), so
 * at 50 messages/s any handler slower than 20 ms builds an unbounded queue. Cloud Pub/Sub pushes
 * concurrently, in order per ordering key. This delivers the same way from a real emulator pull
 * subscription, and is never kinder than the service:
 *
 * - Ordering: "a push subscription has only one outstanding message per ordering key"; keys are
 *   delivered in parallel, each key's messages one at a time, in order, with the exact push body.
 * - Retries: a non-2xx answer is a nack; the message is retried after exponential backoff
 *   (`minBackoffMs · 2^(attempt−1)`, at most `maxBackoffMs`) and acked in the emulator only after a 2xx.
 *   The backoff is the service's (kept in DeliveryAttempts): a restarted delivery waits it out too.
 * - Redelivery of an ordering key: "when a message is redelivered, Pub/Sub redelivers that message
 *   and all subsequent messages of that ordering key that were already delivered, even if they were
 *   acknowledged". `replays` (a fault knob) is asked after every ack; when it says yes, that key's
 *   queue first redelivers a pseudo-randomly chosen earlier acknowledged message (see ReplayWindows:
 *   one of the last 20 of the key) and every later one in order, before anything new of the key.
 *   A replayed message that is nacked is retried like any other, and because the rest of the replay
 *   waits behind it, the retry re-posts it and every later one again, as the service does.
 * - `deliveryAttempt` is the service's count per message (DeliveryAttempts), across subscriber
 *   restarts when the same `attempts` is given to the next delivery. An attempt still in flight
 *   when `stop()` is called counts: it is abandoned, its ack is lost, the emulator redelivers the
 *   message to the next subscriber, which delivers it as attempt + 1.
 * - Dead-lettering: when a message's count reaches `maxDeliveryAttempts` and its last attempt was
 *   not acknowledged (after a restart: the count says so before any new attempt; a replayed message
 *   too), it is published to `deadLetterTopic` with the attributes Pub/Sub adds, and acked.
 * - At-least-once: `copies` POSTs each attempt several times at once (started within 5 ms of each
 *   other, as concurrent duplicates arrive), and the attempt counts as acknowledged only when every
 *   copy got a 2xx: a duplicate's failure is a nack, so the message is redelivered. The service
 *   may redeliver after any nacked copy (which of an ack and a nack of the same message wins is not
 *   defined), so treating every failed copy as a nack is no kinder.
 * - stop() ends backoffs and abandons POSTs in flight at once.
 *
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
  /** How many times each attempt is POSTed, concurrently (a chaos harness duplicates deliveries); default 1. */
  copies?: () => number;
  /** Asked after each ack of a message with an ordering key: true schedules a replay of that key. */
  replays?: () => boolean;
  /** The service's attempt counts; share one between deliveries of a subscription across restarts. */
  attempts?: DeliveryAttempts;
  /** For the replay's starting point and the copies' stagger (a harness passes a seeded one). */
  random?: () => number;
  /** Records what happened to each message (a harness explaining a message never applied). */
  trace?: DeliveryTrace;
}

export interface DeliveryCounts {
  messages: number;
  /** Acknowledged after a 2xx, or dead-lettered. */
  settled: number;
  deliveries: number;
  duplicates: number;
  failedDeliveries: number;
  deadLettered: number;
  /** Already acknowledged messages redelivered by a replay and settled again. */
  replayed: number;
}

/** One message waiting on its key's queue; `replay`: acknowledged before, redelivered by a replay. */
interface Queued {
  message: Message;
  replay: boolean;
}

/** One ordering key: its queue (the head is being delivered) and the loop delivering it. */
interface Lane {
  queue: Queued[];
  draining: Promise<void> | undefined;
}

export class OrderedPushDelivery {
  readonly counts: DeliveryCounts = {
    messages: 0,
    settled: 0,
    deliveries: 0,
    duplicates: 0,
    failedDeliveries: 0,
    deadLettered: 0,
    replayed: 0,
  };
  private readonly lanes = new Map<string, Lane>();
  private readonly attempts: DeliveryAttempts;
  private readonly windows: ReplayWindows | undefined;
  private readonly random: () => number;
  private subscription: Subscription | undefined;
  /** Aborted by stop(): backoffs end and POSTs in flight are abandoned (their answers would be lost). */
  private readonly stopping = new AbortController();

  constructor(private readonly options: OrderedPushDeliveryOptions) {
    this.attempts = options.attempts ?? new DeliveryAttempts();
    this.windows = options.replays ? new ReplayWindows() : undefined;
    this.random = options.random ?? Math.random;
  }

  /** Messages received and not yet settled, and replays not yet done (being delivered, or waiting). */
  get pending(): number {
    let pending = 0;
    for (const lane of this.lanes.values()) pending += lane.queue.length;
    return pending;
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
    this.stopping.abort();
    await this.subscription?.close(); // nacks what it holds: the emulator redelivers it at once
    await Promise.allSettled([...this.lanes.values()].map((lane) => lane.draining));
  }

  private enqueue(message: Message): void {
    if (this.stopped) return; // already nacked by close(); the next subscriber gets it
    this.counts.messages += 1;
    this.trace(message, { kind: "received" });
    const key = message.orderingKey || message.id; // no key: no ordering, deliver at once
    const lane = this.lanes.get(key) ?? { queue: [], draining: undefined };
    this.lanes.set(key, lane);
    lane.queue.push({ message, replay: false });
    this.startDraining(key, lane);
  }

  private startDraining(key: string, lane: Lane): void {
    if (lane.draining) return;
    lane.draining = this.drain(key, lane).finally(() => {
      lane.draining = undefined;
      if (lane.queue.length === 0) this.lanes.delete(key);
      else if (!this.stopped) this.startDraining(key, lane); // enqueued as the loop was ending
    });
  }

  /** Delivers the key's queue head first, one at a time, until it is empty or delivery stops. */
  private async drain(key: string, lane: Lane): Promise<void> {
    for (let head = lane.queue[0]; head && !this.stopped; head = lane.queue[0]) {
      const acked = await this.deliver(head);
      if (acked === undefined) {
        this.trace(head.message, { kind: "abandoned" });
        return; // stopped: the head stays unsettled
      }
      lane.queue.shift();
      if (acked) this.acknowledged(key, lane, head);
    }
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** Attempts until a 2xx (true) or dead-lettering (false); undefined when stopped first. */
  private async deliver({ message, replay }: Queued): Promise<boolean | undefined> {
    const { minBackoffMs = 1_000, maxBackoffMs = 60_000 } = this.options;
    // The emulator only hands out messages not acknowledged yet; a replayed one was acknowledged.
    let unacknowledged = !replay;
    while (!this.stopped) {
      if (unacknowledged && this.exhausted(message)) {
        if (await this.deadLetter(message, replay)) return false;
        await this.sleep(minBackoffMs); // the dead-letter topic did not take it (emulator restarting): again
        continue;
      }
      // The backoff of the last nack, also one a previous delivery of this subscription started.
      const wait = this.attempts.retryAt(message.id) - Date.now();
      if (wait > 0) await this.sleep(wait);
      if (this.stopped) return undefined;
      const attempt = this.attempts.next(message.id);
      const ok = await this.attempt(message, attempt);
      if (this.stopped) return undefined; // abandoned by stop(): its ack is lost, the attempt counted
      if (ok) return true;
      unacknowledged = true;
      const backoff = Math.min(maxBackoffMs, minBackoffMs * 2 ** (attempt - 1));
      if (!this.exhausted(message)) this.attempts.backOff(message.id, Date.now() + backoff);
    }
    return undefined;
  }

  private exhausted(message: Message): boolean {
    const { deadLetterTopic, maxDeliveryAttempts } = this.options;
    return (
      deadLetterTopic !== undefined &&
      maxDeliveryAttempts !== undefined &&
      this.attempts.count(message.id) >= maxDeliveryAttempts
    );
  }

  private acknowledged(key: string, lane: Lane, { message, replay }: Queued): void {
    this.trace(message, { kind: replay ? "replayed" : "acked" });
    if (replay) {
      this.counts.replayed += 1;
    } else {
      message.ack();
      this.counts.settled += 1;
      if (message.orderingKey) this.windows?.record(key, message);
    }
    if (message.orderingKey && this.options.replays?.()) this.scheduleReplay(key, lane);
  }

  /**
   * Puts a replay at the head of the key's queue, ahead of anything new. A replay still under way
   * is replaced by one starting no later: both end at the key's newest acknowledged message, so the
   * subscriber sees what Pub/Sub does, a redelivery followed by every later message already delivered.
   */
  private scheduleReplay(key: string, lane: Lane): void {
    const underWay = lane.queue[0]?.replay ? lane.queue[0].message : undefined;
    const replay = this.windows?.replay(key, this.random, underWay) ?? [];
    const fresh = lane.queue.filter((queued) => !queued.replay);
    lane.queue = [...replay.map((message) => ({ message, replay: true })), ...fresh];
  }

  /** One delivery attempt, POSTed `copies` times at once; acknowledged when every copy got a 2xx. */
  private async attempt(message: Message, attempt: number): Promise<boolean> {
    const copies = Math.max(1, Math.ceil(this.options.copies?.() ?? 1));
    const answers = Array.from({ length: copies }, (_, copy) => this.postCopy(message, attempt, copy));
    const statuses = await Promise.all(answers);
    this.trace(message, { kind: "attempt", attempt, statuses });
    return statuses.every((status) => status >= 200 && status < 300);
  }

  /** One copy's HTTP status; 599: no answer (refused, timed out), 0: never sent (stopped). */
  private async postCopy(message: Message, attempt: number, copy: number): Promise<number> {
    if (copy > 0) {
      this.counts.duplicates += 1;
      await this.sleep(this.random() * 5); // duplicates arrive within a few ms of each other, in any order
      if (this.stopped) return 0; // never sent
    }
    const status = await this.post(message, attempt).catch(() => 599);
    this.counts.deliveries += 1;
    if (status < 200 || status >= 300) this.counts.failedDeliveries += 1;
    return status;
  }

  private trace(message: Message, event: UntimedDeliveryEvent): void {
    this.options.trace?.record(message, event);
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
      signal: AbortSignal.any([AbortSignal.timeout(60_000), this.stopping.signal]),
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** Forwards the message as Pub/Sub does; false when the topic did not take it. */
  private async deadLetter(message: Message, replay: boolean): Promise<boolean> {
    try {
      await this.options.pubsub.topic(this.options.deadLetterTopic ?? "").publishMessage({
        data: message.data,
        // The attributes Cloud Pub/Sub adds when it forwards a message to a dead-letter topic.
        attributes: {
          ...message.attributes,
          CloudPubSubDeadLetterSourceDeliveryCount: String(this.attempts.count(message.id)),
          CloudPubSubDeadLetterSourceSubscription: this.options.subscription,
          CloudPubSubDeadLetterSourceSubscriptionProject: this.options.pubsub.projectId,
          CloudPubSubDeadLetterSourceTopicPublishTime: message.publishTime.toISOString(),
        },
      });
    } catch {
      return false;
    }
    this.counts.deadLettered += 1;
    this.trace(message, { kind: "dead-lettered" });
    if (replay) return true; // acknowledged in the emulator already
    this.counts.settled += 1;
    message.ack();
    return true;
  }

  /** Waits, or less when delivery stops. */
  private sleep(ms: number): Promise<void> {
    const signal = this.stopping.signal;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
    });
  }
}
