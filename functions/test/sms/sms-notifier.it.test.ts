import { CircuitState } from "cockatiel";
import { deleteApp } from "firebase-admin/app";
import type { Firestore } from "firebase-admin/firestore";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type SmsStub,
  startSmsStub,
  stubCredentials,
} from "../../../emulators/src/sms-stub/sms-stub-server.js";
import { firebaseApp, firestoreFor } from "../../src/adapters/firebase-app.js";
import type { OrderStatus } from "../../src/domain/order-status.js";
import { JsonLogger } from "../../src/shared/logger.js";
import { FirestoreSmsLogStore } from "../../src/sms/firestore-sms-log-store.js";
import { HttpSmsProvider } from "../../src/sms/http-sms-provider.js";
import { ResilientSmsSender, type SmsResilienceOptions } from "../../src/sms/resilient-sms-sender.js";
import { smsLogsCollection } from "../../src/sms/sms-log-store.js";
import { SmsOrderNotifier } from "../../src/sms/sms-order-notifier.js";
import { smsCustomer, smsOrder } from "../../src/sms/sms-test-fixtures.js";
import { testEnv, uniqueProjectId } from "../support/test-env.js";
import { SmsGatewayClient } from "./sms-gateway-client.js";

/**
 * The notifier end to end against a real HTTP gateway (the local stub speaking the vendor
 * protocol) and the real Firestore emulator: what was texted, what was recorded, and how
 * outages, timeouts, refusals and the circuit breaker play out.
 */
testEnv();
const projectId = uniqueProjectId("sms");
const resilience: SmsResilienceOptions = {
  maxAttempts: 3,
  initialDelayMs: 20,
  maxDelayMs: 50,
  // generous, so a loaded machine never turns a normal answer into a timeout; the timeout test lowers it
  timeoutMs: 5_000,
  breakerThreshold: 6,
  halfOpenAfterMs: 600,
};
let stub: SmsStub;
let gateway: SmsGatewayClient;
let db: Firestore;
let logs: FirestoreSmsLogStore;
let sequence = 0;

beforeAll(async () => {
  stub = await startSmsStub();
  gateway = new SmsGatewayClient(stub.url);
  db = firestoreFor(firebaseApp(projectId));
  logs = new FirestoreSmsLogStore(db);
});

afterAll(async () => {
  await stub?.stop();
  await deleteApp(firebaseApp(projectId));
});

beforeEach(() => gateway.reset());

function setup(options: Partial<SmsResilienceOptions> = {}, password = stubCredentials.password) {
  const provider = new HttpSmsProvider({
    baseUrl: stub.url,
    credentials: async () => ({ username: stubCredentials.username, password }),
  });
  const sender = new ResilientSmsSender(provider, logs, "0.85", { ...resilience, ...options });
  const ids: string[] = [];
  const notifier = new SmsOrderNotifier(sender, new JsonLogger("ERROR"), undefined, () => {
    sequence += 1;
    ids.push(`${projectId}-${sequence}`);
    return `${projectId}-${sequence}`;
  });
  sequence += 1;
  const order = smsOrder({ id: `D1141128${String(sequence).padStart(4, "0")}` });
  /** Notifies one confirmation and returns the SmsLogs Firestore holds for it. */
  const confirm = async (to: OrderStatus = "confirmed", stage: "live" | "shadow" = "live") => {
    await notifier.orderStatusChanged({ order, customer: smsCustomer(stage), from: "draft", to });
    const id = ids.at(-1);
    return id ? logs.listForNotification(`${order.id}-${to}-${id}`) : [];
  };
  const recordedForOrder = async () =>
    (await db.collection(smsLogsCollection).where("metadata.orderId", "==", order.id).get()).size;
  return { sender, confirm, order, recordedForOrder };
}

describe("order SMS against the gateway and Firestore", () => {
  it("texts the customer and records a sent SmsLog with the gateway's message id", async () => {
    const { confirm, order } = setup();
    const recorded = await confirm();
    const { messages } = await gateway.view();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      to: "0912345678",
      message: `【幸福氣】您的訂單${order.id}已確認，金額NT$1,900，預計11/29 下午送達。`,
    });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      status: "sent",
      recipient: "0912345678",
      template: "order-confirmed",
      segments: 1,
      cost: "0.85",
      retryCount: 0,
      provider: "mitake-http",
      metadata: { providerMessageId: messages[0]?.msgid, orderId: order.id, customerCode: "0100001" },
    });
  });

  it("records nothing and texts nobody while legacy still serves the customer", async () => {
    const { confirm, recordedForOrder } = setup();
    await confirm("confirmed", "shadow");
    expect((await gateway.view()).requests).toHaveLength(0);
    expect(await recordedForOrder()).toBe(0);
    await confirm("confirmed", "live"); // the same order once live: proves the query would see a log
    expect(await recordedForOrder()).toBe(1);
  });

  it("retries a 5xx outage, then records failed attempts without throwing", async () => {
    const { confirm } = setup();
    await gateway.setMode("fail-5xx");
    const recorded = await confirm();
    expect((await gateway.view()).requests).toHaveLength(3);
    expect(recorded.map((log) => [log.status, log.retryCount, log.metadata.providerCode])).toEqual([
      ["failed", 0, "http-503"],
      ["failed", 1, "http-503"],
      ["failed", 2, "http-503"],
    ]);
  });

  it("times out a gateway that never answers and retries it", async () => {
    const { confirm } = setup({ maxAttempts: 2, timeoutMs: 300 });
    await gateway.setMode("timeout");
    const recorded = await confirm();
    expect((await gateway.view()).requests).toHaveLength(2);
    expect(recorded.map((log) => [log.status, log.metadata.providerCode])).toEqual([
      ["failed", "timeout"],
      ["failed", "timeout"],
    ]);
  });

  it("does not retry a refused number or refused credentials", async () => {
    await gateway.setMode("fail-permanent");
    const refusedNumber = await setup().confirm();
    await gateway.setMode("ok");
    const refusedLogin = await setup({}, "wrong-password").confirm();
    expect((await gateway.view()).requests).toHaveLength(2);
    expect(
      refusedNumber.map((log) => [log.status, log.metadata.errorCode, log.metadata.providerCode]),
    ).toEqual([["failed", "SMS_REJECTED", "v"]]);
    expect(refusedLogin.map((log) => log.metadata.providerCode)).toEqual(["e"]);
  });

  it("opens the breaker after repeated failures, stops calling the gateway, and closes after recovery", async () => {
    const { sender, confirm } = setup();
    await gateway.setMode("fail-5xx");
    await confirm();
    await confirm(); // 6 consecutive failures: the breaker opens
    expect(sender.breaker.state).toBe(CircuitState.Open);

    const requestsWhileOpen = (await gateway.view()).requests.length;
    const shortCircuited = await confirm();
    expect((await gateway.view()).requests).toHaveLength(requestsWhileOpen);
    expect(shortCircuited.map((log) => [log.status, log.metadata.errorCode])).toEqual([
      ["failed", "SMS_CIRCUIT_OPEN"],
    ]);

    await gateway.setMode("ok");
    await new Promise((resolve) => setTimeout(resolve, resilience.halfOpenAfterMs + 100));
    const recovered = await confirm();
    expect(recovered.map((log) => log.status)).toEqual(["sent"]);
    expect(sender.breaker.state).toBe(CircuitState.Closed);
    expect((await gateway.view()).messages).toHaveLength(1);
  });
});

describe("the stub gateway's control endpoint", () => {
  it("refuses an unknown mode and keeps the current one", async () => {
    const response = await gateway.control({ mode: "explode" });
    expect(response.status).toBe(400);
    expect((await gateway.view()).mode).toBe("ok");
  });
});
