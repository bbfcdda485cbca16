import { describe, expect, it } from "vitest";
import { functionEnvSchema } from "../../shared/config.js";
import { JsonLogger } from "../../shared/logger.js";
import type { ChangeMessage } from "../change-message.js";
import { Doorbell } from "./doorbell.js";
import { claimedChange, FakeChangePublisher, FakeChangeSource } from "./fake-relay-ports.js";
import { FakeRelayRunLease } from "./fake-relay-run-lease.js";
import type { ClaimedChange } from "./relay-ports.js";
import { RelayService } from "./relay-service.js";
import { relaySchedulePeriodSeconds, runScheduledRelay } from "./scheduled-relay-run.js";

const quiet = new JsonLogger("ERROR", {}, () => undefined);

const change = (ref: number) => claimedChange(ref, String(1_000_000 + (ref % 5)));

/** Records which call published when, so overlaps and gaps are visible. */
class CallPublisher extends FakeChangePublisher {
  constructor(
    private readonly call: string,
    private readonly log: { call: string; at: number; refs: number[] }[],
  ) {
    super();
  }
  override async publishAll(messages: ChangeMessage[]): Promise<Set<string>> {
    this.log.push({ call: this.call, at: Date.now(), refs: messages.map((m) => m.sourceVersion) });
    await new Promise((resolve) => setTimeout(resolve, 5)); // a publish takes a moment
    return super.publishAll(messages);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("runScheduledRelay", () => {
  it("overlapping calls take turns: the running one hands over between batches, with no gap and no change published twice", async () => {
    const changes: ClaimedChange[] = [];
    const source = new FakeChangeSource(changes);
    const lease = new FakeRelayRunLease(500, 20);
    const log: { call: string; at: number; refs: number[] }[] = [];
    let writing = true;
    const writer = (async () => {
      for (let n = 1; writing; n += 1) {
        changes.push(change(n));
        await sleep(10);
      }
    })();
    const call = (name: string) =>
      runScheduledRelay(
        {
          relay: new RelayService(source, new CallPublisher(name, log), quiet),
          doorbell: new Doorbell(),
          lease,
          logger: quiet,
        },
        { batchSize: 4, drainSeconds: 3, acquireWaitMs: 1_000, renewEveryMs: 50 },
      );
    const first = call("first");
    await sleep(800);
    const secondStarted = Date.now();
    const second = call("second");
    const firstReport = await first;
    const firstEnded = Date.now();
    await sleep(500);
    writing = false;
    await writer;
    const secondReport = await second;

    expect(firstReport).toMatchObject({ ran: true, handedOver: true });
    expect(secondReport).toMatchObject({ ran: true, handedOver: false });
    expect(firstEnded - secondStarted).toBeLessThan(500); // not its whole 3 s window
    const firstLast = Math.max(...log.filter((e) => e.call === "first").map((e) => e.at));
    const secondFirst = Math.min(...log.filter((e) => e.call === "second").map((e) => e.at));
    expect(secondFirst).toBeGreaterThanOrEqual(firstLast); // never both at once
    const times = log.map((e) => e.at).sort((a, b) => a - b);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
    expect(Math.max(...gaps)).toBeLessThan(400);
    const published = log.flatMap((e) => e.refs);
    expect(new Set(published).size).toBe(published.length);
    expect(source.unpublished()).toEqual([]);
  });

  it("a call whose predecessor was killed (stopped renewing) runs once the lease's term ends", async () => {
    const lease = new FakeRelayRunLease(400, 20);
    lease.state = { holder: "killed", expiresAt: Date.now() + 400, handoverTo: null };
    const source = new FakeChangeSource([change(1)]);
    const started = Date.now();
    const report = await runScheduledRelay(
      {
        relay: new RelayService(source, new FakeChangePublisher(), quiet),
        doorbell: new Doorbell(),
        lease,
        logger: quiet,
      },
      { batchSize: 4, drainSeconds: 1, acquireWaitMs: 800, renewEveryMs: 50 },
    );
    expect(report).toMatchObject({ ran: true, published: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
  });

  it("a call that gets no turn in time relays nothing and takes back its request", async () => {
    const lease = new FakeRelayRunLease(60_000, 20);
    lease.state = { holder: "stuck", expiresAt: Date.now() + 60_000, handoverTo: null };
    const source = new FakeChangeSource([change(1)]);
    const report = await runScheduledRelay(
      {
        relay: new RelayService(source, new FakeChangePublisher(), quiet),
        doorbell: new Doorbell(),
        lease,
        logger: quiet,
      },
      { batchSize: 4, drainSeconds: 1, acquireWaitMs: 200 },
    );
    expect(report).toMatchObject({ ran: false, published: 0 });
    expect(lease.state?.handoverTo).toBeNull();
    expect(source.unpublished()).toEqual(["1"]);
  });

  it("by default a call's window is longer than the schedule period, so consecutive calls overlap", () => {
    const env = functionEnvSchema.parse({ GCLOUD_PROJECT: "demo-x" });
    expect(env.RELAY_DRAIN_SECONDS).toBeGreaterThan(relaySchedulePeriodSeconds + 10);
  });
});
