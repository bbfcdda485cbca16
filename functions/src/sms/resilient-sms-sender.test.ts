import { CircuitState } from "cockatiel";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeSmsLogStore } from "./fake-sms-log-store.js";
import { FakeSmsProvider } from "./fake-sms-provider.js";
import { type OutgoingSms, ResilientSmsSender, type SmsResilienceOptions } from "./resilient-sms-sender.js";
import { SmsProviderUnavailableError, SmsRejectedError } from "./sms-errors.js";

const fast: SmsResilienceOptions = {
  maxAttempts: 3,
  initialDelayMs: 1,
  maxDelayMs: 5,
  timeoutMs: 50,
  breakerThreshold: 4,
  halfOpenAfterMs: 60_000,
};

let sequence = 0;
function sms(): OutgoingSms {
  sequence += 1;
  return {
    notificationId: `n${sequence}`,
    to: "0912345678",
    template: "order-confirmed",
    message: "【幸福氣】您的訂單D11411280007已確認",
    metadata: { orderId: "D11411280007" },
  };
}

const outage = () => new SmsProviderUnavailableError("HTTP 503", "http-503");

function setup(options: Partial<SmsResilienceOptions> = {}) {
  const provider = new FakeSmsProvider();
  const logs = new FakeSmsLogStore();
  const sender = new ResilientSmsSender(provider, logs, "0.85", { ...fast, ...options });
  return { provider, logs, sender };
}

afterEach(() => vi.useRealTimers());

describe("ResilientSmsSender", () => {
  it("records a sent log with segments, cost and provider id", async () => {
    const { sender, logs, provider } = setup();
    const log = await sender.send(sms());
    expect(log).toMatchObject({ status: "sent", segments: 1, cost: "0.85", retryCount: 0, provider: "fake" });
    expect(log.metadata).toMatchObject({ providerMessageId: "fake-1", attempt: 0, encoding: "UCS-2" });
    expect(logs.all()).toEqual([log]);
    expect(provider.requests[0]?.clientId).toBe(log.metadata.notificationId);
  });

  it("retries retryable errors and records one log per attempt", async () => {
    const { sender, logs, provider } = setup();
    provider.willAnswer(outage(), outage(), "accept");
    const message = sms();
    const log = await sender.send(message);
    expect(log).toMatchObject({ status: "sent", retryCount: 2 });
    const attempts = await logs.listForNotification(message.notificationId);
    expect(attempts.map((a) => [a.status, a.retryCount, a.cost])).toEqual([
      ["failed", 0, "0"],
      ["failed", 1, "0"],
      ["sent", 2, "0.85"],
    ]);
    // one gateway id for every attempt, so the gateway can drop a duplicate
    expect(new Set(provider.requests.map((r) => r.clientId)).size).toBe(1);
  });

  it("gives up after maxAttempts, returning the failed log instead of throwing", async () => {
    const { sender, logs, provider } = setup();
    provider.fallback = outage();
    const log = await sender.send(sms());
    expect(log).toMatchObject({ status: "failed", retryCount: 2 });
    expect(log.metadata).toMatchObject({ errorCode: "SMS_PROVIDER_UNAVAILABLE", providerCode: "http-503" });
    expect(provider.requests).toHaveLength(3);
    expect(logs.all()).toHaveLength(3);
  });

  it("does not retry a permanent rejection", async () => {
    const { sender, provider } = setup();
    provider.willAnswer(new SmsRejectedError("invalid number", "v"));
    const log = await sender.send(sms());
    expect(log).toMatchObject({ status: "failed", retryCount: 0 });
    expect(log.metadata).toMatchObject({ errorCode: "SMS_REJECTED", providerCode: "v" });
    expect(provider.requests).toHaveLength(1);
  });

  it("times out a hanging call and retries it", async () => {
    const { sender, provider } = setup();
    provider.willAnswer("hang", "accept");
    const log = await sender.send(sms());
    expect(log).toMatchObject({ status: "sent", retryCount: 1 });
    expect(provider.requests).toHaveLength(2);
  });

  it("does not count a slow SmsLog write against the gateway timeout", async () => {
    const provider = new FakeSmsProvider();
    const slowLogs = new FakeSmsLogStore();
    const save = slowLogs.save.bind(slowLogs);
    slowLogs.save = async (log) => {
      await new Promise((resolve) => setTimeout(resolve, fast.timeoutMs * 2));
      await save(log);
    };
    const sender = new ResilientSmsSender(provider, slowLogs, "0.85", fast);
    expect(await sender.send(sms())).toMatchObject({ status: "sent", retryCount: 0 });
    expect(provider.requests).toHaveLength(1);
  });

  it("does not report a sent message as failed when only the final SmsLog write fails", async () => {
    const provider = new FakeSmsProvider();
    const logs = new FakeSmsLogStore();
    const save = logs.save.bind(logs);
    logs.save = async (log) => {
      if (log.status === "sent") throw new Error("Firestore unavailable");
      await save(log);
    };
    const sender = new ResilientSmsSender(provider, logs, "0.85", fast);
    await expect(sender.send(sms())).rejects.toThrow("Firestore unavailable");
    expect(provider.requests).toHaveLength(1);
    expect(logs.all().map((log) => log.status)).toEqual(["pending"]);
  });

  it("opens the breaker after consecutive failures, short-circuits, then closes after recovery", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { sender, provider, logs } = setup({ maxAttempts: 2, breakerThreshold: 4 });
    provider.fallback = outage();
    await sender.send(sms()); // 2 failures
    await sender.send(sms()); // 4 failures: open
    expect(sender.breaker.state).toBe(CircuitState.Open);

    const callsBefore = provider.requests.length;
    const shortCircuited = sms();
    const log = await sender.send(shortCircuited);
    expect(provider.requests.length).toBe(callsBefore);
    expect(log).toMatchObject({ status: "failed", metadata: { errorCode: "SMS_CIRCUIT_OPEN" } });
    expect(await logs.listForNotification(shortCircuited.notificationId)).toHaveLength(1);

    provider.fallback = "accept"; // the gateway recovers; the breaker lets a probe through after halfOpenAfter
    vi.setSystemTime(Date.now() + fast.halfOpenAfterMs + 1);
    expect((await sender.send(sms())).status).toBe("sent");
    expect(sender.breaker.state).toBe(CircuitState.Closed);
  });

  it("keeps the breaker closed on permanent rejections", async () => {
    const { sender, provider } = setup({ maxAttempts: 1, breakerThreshold: 2 });
    provider.fallback = new SmsRejectedError("invalid number", "v");
    for (let i = 0; i < 4; i++) await sender.send(sms());
    expect(sender.breaker.state).toBe(CircuitState.Closed);
  });

  it("refuses a malformed price at construction", () => {
    expect(() => new ResilientSmsSender(new FakeSmsProvider(), new FakeSmsLogStore(), "NT$1")).toThrow(
      RangeError,
    );
  });
});
