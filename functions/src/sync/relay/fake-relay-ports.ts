import { randomUUID } from "node:crypto";
import type { ChangeMessage } from "../change-message.js";
import type {
  ChangePublisher,
  ChangeSource,
  ClaimedBatch,
  ClaimedChange,
  RejectedChange,
} from "./relay-ports.js";

/**
 * In-memory change source with the adapters' contract: claim hands out the oldest unpublished
 * changes not claimed by an open batch; complete marks exactly the given refs.
 */
export class FakeChangeSource implements ChangeSource {
  readonly published = new Set<string>();
  readonly rejectedRefs = new Set<string>();
  private readonly claimed = new Set<string>();

  constructor(
    private readonly changes: ClaimedChange[],
    private readonly invalid: RejectedChange[] = [],
  ) {}

  async claim(limit: number): Promise<ClaimedBatch> {
    const free = (ref: string) => !this.published.has(ref) && !this.claimed.has(ref);
    const changes = this.changes.filter((c) => free(c.ref)).slice(0, limit);
    const rejected = this.invalid.filter((r) => free(r.ref) && !this.rejectedRefs.has(r.ref));
    const refs = [...changes.map((c) => c.ref), ...rejected.map((r) => r.ref)];
    for (const ref of refs) this.claimed.add(ref);
    const release = () => {
      for (const ref of refs) this.claimed.delete(ref);
    };
    return {
      changes,
      rejected,
      complete: async (publishedRefs) => {
        for (const ref of publishedRefs) this.published.add(ref);
        for (const r of rejected) this.rejectedRefs.add(r.ref);
        release();
      },
      abandon: async () => release(),
    };
  }

  unpublished(): string[] {
    return this.changes.filter((c) => !this.published.has(c.ref)).map((c) => c.ref);
  }
}

/** Records what it publishes; fails every message of the customers in `failing` (like a paused ordering key). */
export class FakeChangePublisher implements ChangePublisher {
  readonly sent: ChangeMessage[] = [];
  readonly failing = new Set<string>();
  /** Fail only from this message index on (per call), to model a key paused mid-batch. */
  failFromIndex = 0;

  async publishAll(messages: ChangeMessage[]): Promise<Set<string>> {
    const acked = new Set<string>();
    messages.forEach((message, index) => {
      if (this.failing.has(message.customerCode) && index >= this.failFromIndex) return;
      this.sent.push(message);
      acked.add(message.changeId);
    });
    return acked;
  }
}

/** A claimed change of `customerCode` with source version `ref`, as the fakes and their tests use. */
export function claimedChange(ref: number, customerCode: string): ClaimedChange {
  const message: ChangeMessage = {
    changeId: randomUUID(),
    source: "legacy",
    entity: "customer",
    key: customerCode,
    customerCode,
    op: "upsert",
    sourceVersion: ref,
    committedAt: "2026-11-28T01:00:00.000Z",
    data: { client_code: customerCode },
  };
  return { ref: String(ref), message };
}
