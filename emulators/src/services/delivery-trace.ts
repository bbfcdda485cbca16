import type { Message } from "@google-cloud/pubsub";

/** What one push delivery did with a message, in order. */
export type DeliveryEvent =
  | { at: number; kind: "received" }
  | { at: number; kind: "attempt"; attempt: number; statuses: number[] }
  | { at: number; kind: "acked" | "replayed" | "dead-lettered" | "abandoned" };

/** An event before the trace stamps its time. */
export type UntimedDeliveryEvent = DeliveryEvent extends infer E
  ? E extends unknown
    ? Omit<E, "at">
    : never
  : never;

export interface TracedMessage {
  id: string;
  orderingKey: string;
  label: string;
  events: DeliveryEvent[];
}

/**
 * Every event of every message a subscription's push deliveries handled, for a harness that must
 * say where a message went when the other side never applied it: never received from the
 * emulator, received and still waiting (backoff, a key blocked behind another message), delivered
 * and answered 2xx, or dead-lettered. Shared by the successive deliveries of one subscription, like
 * DeliveryAttempts. `label` names a message the way the harness looks it up (its data's record).
 * Unbounded: for tests only.
 */
export class DeliveryTrace {
  private readonly byId = new Map<string, TracedMessage>();
  private readonly byLabel = new Map<string, TracedMessage[]>();
  private readonly byKey = new Map<string, TracedMessage[]>();

  constructor(private readonly label: (data: Buffer) => string) {}

  record(message: Message, untimed: UntimedDeliveryEvent): void {
    const event = { ...untimed, at: Date.now() } as DeliveryEvent;
    const traced = this.byId.get(message.id) ?? this.add(message);
    traced.events.push(event);
  }

  private add(message: Message): TracedMessage {
    const traced = {
      id: message.id,
      orderingKey: message.orderingKey ?? "",
      label: this.labelOf(message),
      events: [],
    };
    this.byId.set(message.id, traced);
    this.byLabel.set(traced.label, [...(this.byLabel.get(traced.label) ?? []), traced]);
    this.byKey.set(traced.orderingKey, [...(this.byKey.get(traced.orderingKey) ?? []), traced]);
    return traced;
  }

  /** The messages carrying `label`, each with its events; empty: the deliveries never received one. */
  find(label: string): TracedMessage[] {
    return this.byLabel.get(label) ?? [];
  }

  /** The ordering key's messages received and neither acknowledged nor dead-lettered. */
  unsettled(orderingKey: string): TracedMessage[] {
    return (this.byKey.get(orderingKey) ?? []).filter(
      (traced) => !traced.events.some((event) => event.kind === "acked" || event.kind === "dead-lettered"),
    );
  }

  private labelOf(message: Message): string {
    try {
      return this.label(message.data);
    } catch {
      return `unreadable:${message.id}`;
    }
  }
}
