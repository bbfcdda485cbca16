import { CircuitState } from "cockatiel";
import { deleteApp } from "firebase-admin/app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type SmsStub,
  startSmsStub,
  stubCredentials,
} from "../../../emulators/src/sms-stub/sms-stub-server.js";
import { firebaseApp, firestoreFor } from "../../src/adapters/firebase-app.js";
import { JsonLogger } from "../../src/shared/logger.js";
import { FirestoreSmsLogStore } from "../../src/sms/firestore-sms-log-store.js";
import { HttpSmsProvider } from "../../src/sms/http-sms-provider.js";
import { defaultSmsResilience, ResilientSmsSender } from "../../src/sms/resilient-sms-sender.js";
import { SmsOrderNotifier } from "../../src/sms/sms-order-notifier.js";
import { smsCustomer, smsOrder } from "../../src/sms/sms-test-fixtures.js";
import { testEnv, uniqueProjectId } from "../support/test-env.js";
import { SmsGatewayClient } from "./sms-gateway-client.js";

/**
 * How long an order transition waits for its SMS with the production resilience settings,
 * healthy and during outages. Prints figures; asserts only what happened, never durations.
 */
testEnv();
const projectId = uniqueProjectId("sms-figures");
let stub: SmsStub;
let gateway: SmsGatewayClient;
let notifier: SmsOrderNotifier;
let sender: ResilientSmsSender;
let sequence = 0;

beforeAll(async () => {
  stub = await startSmsStub();
  gateway = new SmsGatewayClient(stub.url);
  const provider = new HttpSmsProvider({ baseUrl: stub.url, credentials: async () => stubCredentials });
  const logs = new FirestoreSmsLogStore(firestoreFor(firebaseApp(projectId)));
  sender = new ResilientSmsSender(provider, logs, "0.85", defaultSmsResilience);
  notifier = new SmsOrderNotifier(sender, new JsonLogger("ERROR"));
});

afterAll(async () => {
  await stub?.stop();
  await deleteApp(firebaseApp(projectId));
});

/** Milliseconds one confirmation notification takes, end to end. */
async function timedConfirmation(): Promise<number> {
  sequence += 1;
  const order = smsOrder({ id: `D1141128${String(sequence).padStart(4, "0")}` });
  const started = performance.now();
  await notifier.orderStatusChanged({ order, customer: smsCustomer("live"), from: "draft", to: "confirmed" });
  return performance.now() - started;
}

describe("order SMS latency with production settings", () => {
  it("prints healthy, 5xx, hanging-gateway and open-breaker figures", async () => {
    await timedConfirmation(); // warm-up: first Firestore connection
    const healthy: number[] = [];
    for (let i = 0; i < 20; i++) healthy.push(await timedConfirmation());

    await gateway.setMode("fail-5xx");
    const outage = await timedConfirmation(); // 3 attempts with backoff
    await gateway.setMode("timeout");
    // 2 attempts time out; that is the 5th consecutive failure, so the 3rd attempt meets an open breaker
    const hanging = await timedConfirmation();
    expect(sender.breaker.state).toBe(CircuitState.Open);
    const shortCircuited = await timedConfirmation();

    const view = await gateway.view();
    expect(view.messages).toHaveLength(21);
    expect(view.requests).toHaveLength(21 + 3 + 2);

    const sorted = [...healthy].sort((a, b) => a - b);
    const figures = {
      healthyMedianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      healthyMaxMs: Math.round(sorted.at(-1) ?? 0),
      gateway5xxMs: Math.round(outage),
      gatewayHangingMs: Math.round(hanging),
      breakerOpenMs: Math.round(shortCircuited),
    };
    console.log(`SMS notification figures: ${JSON.stringify(figures)}`);
  });
});
