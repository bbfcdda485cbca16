import { describe, expect, it } from "vitest";
import { JsonLogger } from "../../shared/logger.js";
import { claimedChange as change, FakeChangePublisher, FakeChangeSource } from "./fake-relay-ports.js";
import { acknowledgedPrefixes, RelayService } from "./relay-service.js";

const quiet = new JsonLogger("ERROR", {}, () => undefined);

const forever = () => ({ deadline: Date.now() + 60_000, batchSize: 3 });

describe("RelayService", () => {
  it("drains every change in batches, publishing each once in source order", async () => {
    const changes = [1, 2, 3, 4, 5, 6, 7].map((n) => change(n, n % 2 ? "0000001" : "0000002"));
    const source = new FakeChangeSource(changes);
    const publisher = new FakeChangePublisher();
    const report = await new RelayService(source, publisher, quiet).drain(forever());
    expect(report).toEqual({ batches: 3, published: 7, failed: 0, rejected: 0 });
    expect(publisher.sent.map((m) => m.sourceVersion)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(source.unpublished()).toEqual([]);
  });

  it("stops at a failing batch and leaves the failed customer's changes for the next drain", async () => {
    const changes = [1, 2, 3, 4].map((n) => change(n, n <= 2 ? "0000001" : "0000002"));
    const source = new FakeChangeSource(changes);
    const publisher = new FakeChangePublisher();
    publisher.failing.add("0000002");
    const report = await new RelayService(source, publisher, quiet).drain(forever());
    expect(report).toMatchObject({ published: 2, failed: 1, batches: 1 });
    expect(source.unpublished()).toEqual(["3", "4"]);

    publisher.failing.clear();
    expect((await new RelayService(source, publisher, quiet).drain(forever())).published).toBe(2);
    expect(source.unpublished()).toEqual([]);
  });

  it("marks rejected changes so they never block the stream, without publishing them", async () => {
    const source = new FakeChangeSource([change(1, "0000001")], [{ ref: "bad", reason: "not 7 digits" }]);
    const publisher = new FakeChangePublisher();
    const report = await new RelayService(source, publisher, quiet).drain(forever());
    expect(report).toMatchObject({ published: 1, rejected: 1 });
    expect(source.rejectedRefs).toEqual(new Set(["bad"]));
    expect(publisher.sent).toHaveLength(1);
  });

  it("claims nothing after the deadline", async () => {
    const source = new FakeChangeSource([change(1, "0000001")]);
    const report = await new RelayService(source, new FakeChangePublisher(), quiet).drain({
      deadline: 0,
      batchSize: 10,
    });
    expect(report.batches).toBe(0);
    expect(source.unpublished()).toEqual(["1"]);
  });
});

describe("acknowledgedPrefixes", () => {
  it("never marks a customer's change after its first unacknowledged one", () => {
    const changes = [change(1, "A"), change(2, "B"), change(3, "A"), change(4, "A"), change(5, "B")];
    const acked = new Set(
      [changes[0], changes[1], changes[3], changes[4]].map((c) => c?.message.changeId ?? ""),
    );
    expect(acknowledgedPrefixes(changes, acked)).toEqual(["1", "2", "5"]);
  });
});
