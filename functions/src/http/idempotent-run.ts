import { createHash } from "node:crypto";
import { canonicalJson } from "../shared/canonical-json.js";
import { ConflictError, IdempotencyKeyReusedError, ValidationError } from "../shared/errors.js";
import type { IdempotencyStore } from "./idempotency-store.js";
import type { HttpResponse } from "./route.js";

export interface IdempotentRequest {
  store: IdempotencyStore;
  /** The `Idempotency-Key` header; absent: the request runs as it is. */
  key: string | undefined;
  /** Keys are the caller's own: two users can never collide or read each other's answers. */
  uid: string;
  method: string;
  path: string;
  body: unknown;
  ifMatch: string | undefined;
}

const keyPattern = /^[\x21-\x7e]{1,255}$/;

function fingerprintOf(request: IdempotentRequest): string {
  const body = Buffer.isBuffer(request.body)
    ? request.body.toString("base64")
    : canonicalJson(request.body ?? null);
  return createHash("sha256")
    .update([request.method, request.path, request.ifMatch ?? "", body].join("\n"))
    .digest("base64url");
}

function recordId(uid: string, key: string): string {
  return createHash("sha256").update(`${uid}\n${key}`).digest("base64url");
}

/**
 * Runs a write at most once per (user, Idempotency-Key) (as in the IETF httpapi draft and Stripe):
 * the first attempt reserves the key atomically; a retry gets the first answer again, marked
 * `idempotent-replayed: true`; the same key with a different request is a 422; a retry while the
 * first attempt runs — or after it died mid-way, when nobody knows whether it wrote — is a 409,
 * never a second write. A 4xx wrote nothing, so it releases the key; a 5xx is kept and replayed.
 */
export async function runIdempotently(
  request: IdempotentRequest,
  run: () => Promise<HttpResponse>,
  answerOf: (error: unknown) => HttpResponse,
): Promise<HttpResponse> {
  if (request.key === undefined) return run();
  if (!keyPattern.test(request.key)) {
    throw new ValidationError("Malformed Idempotency-Key.", [
      { path: "header.Idempotency-Key", message: "1 to 255 visible ASCII characters, e.g. a UUID" },
    ]);
  }
  const id = recordId(request.uid, request.key);
  const fingerprint = fingerprintOf(request);
  const found = await request.store.reserve(id, fingerprint);
  if (found.kind !== "reserved") return replay(found, fingerprint);
  let response: HttpResponse;
  try {
    response = await run();
  } catch (error) {
    const answer = answerOf(error);
    if (answer.status < 500) await request.store.release(id);
    else await request.store.complete(id, answer);
    throw error;
  }
  await request.store.complete(id, response);
  return response;
}

function replay(
  found:
    | { kind: "done"; fingerprint: string; response: HttpResponse }
    | { kind: "running"; fingerprint: string },
  fingerprint: string,
): HttpResponse {
  if (found.fingerprint !== fingerprint) {
    throw new IdempotencyKeyReusedError(
      "This Idempotency-Key was used for a different request; use a new key.",
    );
  }
  if (found.kind === "running") {
    throw new ConflictError(
      "A request with this Idempotency-Key is still running, or stopped before it answered; read the record before sending it again with a new key.",
    );
  }
  return { ...found.response, headers: { ...found.response.headers, "idempotent-replayed": "true" } };
}
