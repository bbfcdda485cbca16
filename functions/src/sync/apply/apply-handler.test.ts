import { describe, expect, it } from "vitest";
import { JsonLogger } from "../../shared/logger.js";
import type { ChangeMessage } from "../change-message.js";
import { PermanentApplyError } from "./apply-errors.js";
import { ApplyPushHandler, type ChangeApplier } from "./apply-handler.js";
import type { DeadLetter, DeadLetterSink } from "./dead-letters.js";

const message: ChangeMessage = {
  changeId: "0b6f5c3e-8d0a-4c59-9a51-3f1c2d4e5f60",
  source: "new",
  entity: "customer",
  key: "0100001",
  customerCode: "0100001",
  op: "upsert",
  sourceVersion: 3,
  committedAt: "2026-11-28T10:00:00.000Z",
  data: { code: "0100001" },
};

const push = (attributes: Record<string, string> = {}) => ({
  message: {
    data: Buffer.from(JSON.stringify(message)).toString("base64"),
    attributes: { customerCode: "0100001", ...attributes },
    messageId: "42",
  },
  subscription: "projects/p/subscriptions/new-changes-apply",
});

/** What Cloud Pub/Sub adds to a message it forwards to the dead-letter topic. */
const forwarded = {
  CloudPubSubDeadLetterSourceDeliveryCount: "10",
  CloudPubSubDeadLetterSourceSubscription: "new-changes-apply",
  CloudPubSubDeadLetterSourceSubscriptionProject: "p",
  CloudPubSubDeadLetterSourceTopicPublishTime: "2026-11-28T10:00:00.000Z",
};

class InMemoryDeadLetterSink implements DeadLetterSink {
  readonly letters: DeadLetter[] = [];
  async record(letter: DeadLetter): Promise<void> {
    this.letters.push(letter);
  }
}

class CountingApplier implements ChangeApplier {
  calls = 0;
  constructor(private readonly failure?: Error) {}
  async apply() {
    this.calls += 1;
    if (this.failure) throw this.failure;
    return "applied" as const;
  }
}

const handlerWith = (applier: ChangeApplier, sink: DeadLetterSink) =>
  new ApplyPushHandler("syncApplyToLegacy", applier, sink, new JsonLogger("ERROR", {}, () => {}));

describe("ApplyPushHandler", () => {
  it("applies a change, and throws a transient failure so Pub/Sub redelivers", async () => {
    const sink = new InMemoryDeadLetterSink();
    await expect(handlerWith(new CountingApplier(), sink).handle(push())).resolves.toBe("applied");
    const failing = handlerWith(new CountingApplier(new Error("legacy unreachable")), sink);
    await expect(failing.handle(push())).rejects.toThrow("legacy unreachable");
    expect(sink.letters).toEqual([]);
  });

  it("acknowledges a permanent failure as a dead letter with its reason", async () => {
    const sink = new InMemoryDeadLetterSink();
    const handler = handlerWith(new CountingApplier(new PermanentApplyError("row fails its schema")), sink);
    await expect(handler.handle(push())).resolves.toBe("dead-lettered");
    expect(sink.letters.map((letter) => letter.reason)).toEqual(["row fails its schema"]);
  });

  it("keeps a change forwarded from the dead-letter topic, without applying it", async () => {
    const sink = new InMemoryDeadLetterSink();
    const applier = new CountingApplier();
    await expect(handlerWith(applier, sink).handle(push(forwarded))).resolves.toBe("dead-lettered");
    expect(applier.calls).toBe(0);
    expect(sink.letters).toEqual([
      {
        function: "syncApplyToLegacy",
        reason: "delivery-attempts-exhausted: failed on new-changes-apply after 10 attempts",
        raw: message,
        messageId: "42",
        customerCode: "0100001",
        changeId: message.changeId,
      },
    ]);
  });
});
