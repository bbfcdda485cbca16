/**
 * The bare baselines of `npm run bench:api`, one functions-framework function: for each API route
 * only the work that route cannot avoid — verify the Firebase ID token with firebase-admin (no
 * revocation round trip), read or write the same rows or documents in the same store, answer JSON —
 * and nothing else: no stage lookup, write hold, account status, rate limit, zod validation,
 * mapping, shadow read, idempotency or request log. Path: `/<route>/<customer code>`.
 */
import { http } from "@google-cloud/functions-framework";
import { FlagdCore } from "@openfeature/flagd-core";
import { initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import { type BareAnswer, type BareInput, BareRefusal } from "./bare-answer.js";
import { createNewOrder, getNewCustomer, patchNewCustomer } from "./bare-firestore-handlers.js";
import {
  createLegacyOrder,
  getLegacyCustomer,
  listLegacyCustomers,
  patchLegacyCustomer,
} from "./bare-legacy-handlers.js";

const app = initializeApp({ projectId: process.env.GCLOUD_PROJECT }, "bare-auth");
const auth = getAuth(app);

/** The flag definitions stay in memory, pushed by one snapshot listener, as the API's provider does. */
const flags = new FlagdCore();
getFirestore(app)
  .collection("flags")
  .onSnapshot((snapshot) => {
    const definitions: Record<string, unknown> = {};
    for (const doc of snapshot.docs)
      if (doc.id !== "$evaluators" && doc.get("archived") !== true)
        definitions[doc.id] = JSON.parse(doc.get("definition") as string);
    flags.setConfigurations(JSON.stringify({ flags: definitions }));
  });

async function evaluateAll({ body }: BareInput): Promise<BareAnswer> {
  const context = (body as { context?: Record<string, string> }).context ?? {};
  const results = flags.resolveAll(context).map(({ flagKey, value, reason, variant, flagMetadata }) => ({
    key: flagKey,
    value,
    reason,
    variant,
    metadata: flagMetadata,
  }));
  return { status: 200, body: { flags: results } };
}

const handlers: Record<string, (input: BareInput) => Promise<BareAnswer>> = {
  "get-legacy": getLegacyCustomer,
  "get-new": getNewCustomer,
  "list-legacy": listLegacyCustomers,
  "patch-legacy": patchLegacyCustomer,
  "patch-new": patchNewCustomer,
  "order-legacy": createLegacyOrder,
  "order-new": createNewOrder,
  "ofrep-bulk": evaluateAll,
};

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

http("benchBareApi", async (req, res) => {
  const [, route = "", code = ""] = req.path.split("/");
  const handler = handlers[route];
  if (!handler) return void res.status(404).json({ error: "no such bare route" });
  const token = /^Bearer\s+(\S+)$/i.exec(header(req.headers.authorization) ?? "")?.[1];
  let claims: { uid: string; email?: string };
  try {
    claims = await auth.verifyIdToken(token ?? "");
  } catch {
    return void res.status(401).json({ error: "invalid ID token" });
  }
  const input = { code, body: req.body ?? {}, ifMatch: header(req.headers["if-match"]) };
  try {
    const answer = await handler({ ...input, uid: claims.uid, email: claims.email ?? null });
    if (answer.etag) res.set("etag", answer.etag);
    res.status(answer.status).json(answer.body);
  } catch (error) {
    if (error instanceof BareRefusal) return void res.status(error.status).json({ status: error.status });
    res.status(500).json({ error: String(error) });
  }
});
