import type { ChangeMessage } from "../../../src/sync/change-message.js";
import type { ChangePublisher } from "../../../src/sync/relay/relay-ports.js";
import type { RunningFunction } from "../../support/function-harness.js";
import { pushChange } from "../apply/apply-support.js";

export interface DeliveryCounts {
  messages: number;
  deliveries: number;
  duplicates: number;
  nacks: number;
}

/**
 * The harness's transport in place of Pub/Sub: pushes each message 1–3 times (at-least-once with
 * duplicates) with the exact push body, in order per customer, customers in parallel; a key stops
 * at its first non-2xx, as Pub/Sub ordering does, and the relay republishes it on its next drain.
 */
export class DeliveringPublisher implements ChangePublisher {
  readonly counts: DeliveryCounts = { messages: 0, deliveries: 0, duplicates: 0, nacks: 0 };

  constructor(
    private readonly target: () => RunningFunction,
    private readonly projectId: string,
    private readonly random: () => number,
  ) {}

  async publishAll(messages: ChangeMessage[]): Promise<Set<string>> {
    const byCustomer = new Map<string, ChangeMessage[]>();
    for (const message of messages)
      byCustomer.set(message.customerCode, [...(byCustomer.get(message.customerCode) ?? []), message]);
    const acked = new Set<string>();
    await Promise.all([...byCustomer.values()].map((stream) => this.deliverStream(stream, acked)));
    return acked;
  }

  private async deliverStream(stream: ChangeMessage[], acked: Set<string>): Promise<void> {
    for (const message of stream) {
      this.counts.messages += 1;
      const times = 1 + Math.floor(this.random() * 3);
      let ok = false;
      for (let attempt = 0; attempt < times; attempt += 1) {
        const status = await pushChange(this.target(), this.projectId, message).catch(() => 599);
        this.counts.deliveries += 1;
        if (attempt > 0) this.counts.duplicates += 1;
        if (status < 300) ok = true;
        else {
          this.counts.nacks += 1;
          break;
        }
      }
      if (!ok) return;
      acked.add(message.changeId);
    }
  }
}
