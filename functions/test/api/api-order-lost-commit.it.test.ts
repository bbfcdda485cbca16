import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LossOptions, LostCommitAnswerProxy } from "../support/lost-commit-answer-proxy.js";
import { LostPgCommitAnswerProxy } from "../support/lost-pg-commit-answer-proxy.js";
import { testEnv } from "../support/test-env.js";
import { pinStage, someClientCode, unusedClientCode } from "./api-fixtures.js";
import { type ApiTestStack, startApiTestStack } from "./api-test-stack.js";

/**
 * Order creates whose commit answer is lost: the database committed, the API's client was cut
 * off before it heard so. On the new side firebase-admin then runs the transaction function
 * again (transaction.js `isRetryableTransactionError`: INTERNAL, UNAVAILABLE, ..., and a resent
 * commit refused with "transaction has expired") or gives up; each run numbers an order, so one
 * request used to make two orders, or answer 500 for one that exists. On the legacy side nothing
 * runs the transaction again, but the answer was a 500 for an order that exists. The API reaches
 * the real emulator and the real PostgreSQL through proxies that lose the answer; the test reads
 * both directly.
 */
let firestoreProxy: LostCommitAnswerProxy;
let legacyProxy: LostPgCommitAnswerProxy;
let stack: ApiTestStack;

beforeAll(async () => {
  const env = testEnv();
  const legacyServer = new URL(env.LEGACY_ADMIN_URL);
  firestoreProxy = await LostCommitAnswerProxy.start(env.FIRESTORE_EMULATOR_HOST);
  legacyProxy = await LostPgCommitAnswerProxy.start({
    host: legacyServer.hostname,
    port: Number(legacyServer.port),
  });
  stack = await startApiTestStack("lostcommit", {
    env: { FIRESTORE_EMULATOR_HOST: firestoreProxy.host },
    apiLegacyUrl: (url) => legacyProxy.urlFor(url),
  });
});

afterAll(async () => {
  await stack?.stop();
  await firestoreProxy?.stop();
  await legacyProxy?.stop();
});

interface OrderBody {
  id: string;
  remark: string | null;
}

function createOrder(code: string, remark: string) {
  return stack.call("POST", `/v1/customers/${code}/orders`, {
    token: stack.tokens.operator,
    body: { items: [{ sizeKg: 20, quantity: 1 }], remark },
  });
}

async function newSideCustomer(): Promise<string> {
  const code = await unusedClientCode(stack.legacy);
  await pinStage(stack.projectId, code, "live");
  const created = await stack.call("POST", "/v1/customers", {
    token: stack.tokens.operator,
    body: { code, shortName: "新系統客戶", address: "臺東縣臺東市中華路一段1號" },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return code;
}

function nextNumber(id: string): string {
  return `${id.slice(0, 8)}${String(Number(id.slice(-4)) + 1).padStart(4, "0")}`;
}

const losses: [string, LossOptions][] = [
  [
    "its stream reset after the commit (the client library runs the transaction again)",
    { how: "reset-stream", firestoreWording: false },
  ],
  [
    "its connection cut after the commit, the resent commit refused in Firestore's words (run again)",
    { how: "cut-connection", firestoreWording: true },
  ],
  [
    "its connection cut after the commit, the resent commit refused in the emulator's words (given up)",
    { how: "cut-connection", firestoreWording: false },
  ],
];

describe("a new-side order create whose commit answer is lost", () => {
  it.each(losses)("with %s makes one order, answers with it, leaves no gap", async (_, loss) => {
    const code = await newSideCustomer();
    const before = await createOrder(code, "before");
    expect(before.status, JSON.stringify(before.body)).toBe(201);
    const firstId = (before.body as OrderBody).id;
    const lostBefore = firestoreProxy.lost;

    const remark = `lost-commit-${randomBytes(4).toString("hex")}`;
    firestoreProxy.loseNextCommitAnswer(remark, loss);
    const answer = await createOrder(code, remark);
    expect(firestoreProxy.lost - lostBefore, "the proxy lost a committed commit's answer").toBe(1);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);

    const expectedId = nextNumber(firstId);
    const orders = await stack.db.collection("orders").where("data.customerCode", "==", code).get();
    const made = orders.docs.filter((doc) => doc.get("data.remark") === remark).map((doc) => doc.id);
    expect(made, "one request, one order").toEqual([expectedId]);
    expect((answer.body as OrderBody).id).toBe(expectedId);
    expect(orders.docs.map((doc) => doc.id).sort()).toEqual([firstId, expectedId]);
    const counter = await stack.db.collection("orderSequences").doc(firstId.slice(0, 8)).get();
    expect(counter.get("last"), "no number used up by a phantom order").toBe(Number(expectedId.slice(-4)));
    const outbox = await stack.db.collection("syncOutbox").where("key", "==", expectedId).get();
    expect(outbox.size, "one change to sync to legacy").toBe(1);

    const after = await createOrder(code, "after");
    expect((after.body as OrderBody).id).toBe(nextNumber(expectedId));
  });
});

describe("a legacy-side order create whose COMMIT answer is lost", () => {
  it("answers with the one order it made", async () => {
    const code = await someClientCode(stack.legacy, 3); // stage off: legacy serves it
    const remark = `lost-commit-${randomBytes(4).toString("hex")}`;
    const lostBefore = legacyProxy.lost;
    legacyProxy.loseNextCommitAnswer(remark);
    const answer = await createOrder(code, remark);
    expect(legacyProxy.lost - lostBefore, "the proxy lost a committed COMMIT's answer").toBe(1);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const rows = await stack.legacy.query("SELECT delivery_no FROM deliveries WHERE remark = $1", [remark]);
    expect(rows.rows, "one request, one order").toEqual([{ delivery_no: (answer.body as OrderBody).id }]);

    const after = await createOrder(code, "after");
    expect((after.body as OrderBody).id).toBe(nextNumber((answer.body as OrderBody).id));
  });
});
