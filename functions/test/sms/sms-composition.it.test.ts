import { deleteApp } from "firebase-admin/app";
import type { Firestore } from "firebase-admin/firestore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type SmsStub,
  startSmsStub,
  stubCredentials,
} from "../../../emulators/src/sms-stub/sms-stub-server.js";
import { firebaseApp, firestoreFor } from "../../src/adapters/firebase-app.js";
import { parseFunctionEnv } from "../../src/shared/config.js";
import { JsonLogger } from "../../src/shared/logger.js";
import type { SecretReader } from "../../src/shared/secrets.js";
import { createSmsOrderNotifierFromConfig } from "../../src/sms/create-sms-order-notifier.js";
import { HttpSmsProvider } from "../../src/sms/http-sms-provider.js";
import { smsLogsCollection } from "../../src/sms/sms-log-store.js";
import { smsCustomer, smsOrder } from "../../src/sms/sms-test-fixtures.js";
import { testEnv, uniqueProjectId } from "../support/test-env.js";
import { SmsGatewayClient } from "./sms-gateway-client.js";

/** The wiring the API uses (function environment → notifier), and the gateway's de-duplication. */
const env = testEnv();
const projectId = uniqueProjectId("sms-compose");
let stub: SmsStub;
let gateway: SmsGatewayClient;
let db: Firestore;

/** Local runs never read Secret Manager: any read is a wiring mistake. */
const noSecrets: SecretReader = {
  read: async (name) => {
    throw new Error(`unexpected secret read ${name}`);
  },
};

beforeAll(async () => {
  stub = await startSmsStub();
  gateway = new SmsGatewayClient(stub.url);
  db = firestoreFor(firebaseApp(projectId));
});

afterAll(async () => {
  await stub?.stop();
  await deleteApp(firebaseApp(projectId));
});

function functionEnv(extra: Record<string, string>) {
  return parseFunctionEnv({
    GCLOUD_PROJECT: projectId,
    FIRESTORE_EMULATOR_HOST: env.FIRESTORE_EMULATOR_HOST,
    LEGACY_DATABASE_URL: "postgres://unused@127.0.0.1:1/unused",
    ...extra,
  });
}

describe("createSmsOrderNotifierFromConfig", () => {
  it("sends through the configured gateway and records in smsLogs", async () => {
    const config = functionEnv({
      SMS_PROVIDER_URL: stub.url,
      SMS_USERNAME: stubCredentials.username,
      SMS_PASSWORD: stubCredentials.password,
      SMS_PRICE_PER_SEGMENT: "0.7",
    });
    const notifier = createSmsOrderNotifierFromConfig(config, {
      db,
      secrets: noSecrets,
      logger: new JsonLogger("ERROR"),
    });
    const order = smsOrder({ id: "D11411280101" });
    await notifier.orderStatusChanged({
      order,
      customer: smsCustomer("complete"),
      from: "in-delivery",
      to: "delivered",
    });

    expect((await gateway.view()).messages.map((m) => m.message)).toEqual([
      "【幸福氣】訂單D11411280101已送達，金額NT$1,900。感謝您的訂購！",
    ]);
    const stored = await db.collection(smsLogsCollection).where("metadata.orderId", "==", order.id).get();
    expect(stored.docs.map((doc) => [doc.data().status, doc.data().cost])).toEqual([["sent", "0.7"]]);
  });

  it("switches SMS off without a gateway URL, and transitions still go on", async () => {
    const before = (await gateway.view()).requests.length;
    const notifier = createSmsOrderNotifierFromConfig(functionEnv({}), {
      db,
      secrets: noSecrets,
      logger: new JsonLogger("ERROR"),
    });
    await notifier.orderStatusChanged({
      order: smsOrder(),
      customer: smsCustomer("live"),
      from: "draft",
      to: "confirmed",
    });
    expect((await gateway.view()).requests).toHaveLength(before);
  });
});

describe("gateway de-duplication", () => {
  it("answers a repeated clientid with the first message id and texts only once", async () => {
    await gateway.reset();
    const provider = new HttpSmsProvider({ baseUrl: stub.url, credentials: async () => stubCredentials });
    const request = { to: "0912345678", message: "【幸福氣】測試", clientId: "dup-1" };
    const first = await provider.send(request);
    const second = await provider.send(request);
    expect(second.providerMessageId).toBe(first.providerMessageId);
    expect((await gateway.view()).messages).toHaveLength(1);
    expect((await gateway.view()).requests).toHaveLength(2);
  });
});
