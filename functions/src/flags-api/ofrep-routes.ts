import { createHash } from "node:crypto";
import { z } from "zod";
import type { InMemoryFlagProvider } from "../flags/in-memory-flag-provider.js";
import { evaluateOfrep } from "../flags/ofrep-handler.js";
import type { HttpResponse } from "../http/route.js";
import { headerValue, type Router } from "../http/router.js";
import { DependencyUnavailableError } from "../shared/errors.js";

export interface OfrepRoutesDeps {
  provider: InMemoryFlagProvider;
  /** Resolves once the provider holds the first snapshot of the flags. */
  ready: Promise<void>;
  /** How long a request waits for that first snapshot before answering 503 (default 5 s). */
  readyTimeoutMs?: number;
}

/** Waits for the first flag snapshot, but not forever: a cold start without Firestore answers 503. */
async function whenReady(ready: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DependencyUnavailableError("flag definitions are not loaded yet; retry shortly")),
      timeoutMs,
    );
  });
  try {
    await Promise.race([ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * OFREP (OpenFeature Remote Evaluation Protocol) for the stock `@openfeature/ofrep-provider` and
 * `@openfeature/ofrep-web-provider`. Authentication: a viewer (or higher) Firebase ID token as
 * `Authorization: Bearer …`, which both providers send through their `headers`/`headersFactory`
 * option. Evaluation is read-only, so the token's revocation is not checked (no extra round trip).
 * Bulk answers carry an ETag of their content; `If-None-Match` with it gets 304 (the web provider's polling).
 */
export function registerOfrepRoutes(router: Router, deps: OfrepRoutesDeps): void {
  router.add({
    method: "POST",
    path: "/ofrep/v1/evaluate/flags/{key}",
    access: "viewer",
    // Any key and any body: an unknown or malformed key is an OFREP FLAG_NOT_FOUND answer and a bad
    // context an OFREP INVALID_CONTEXT answer, in the shapes the stock providers understand.
    params: z.strictObject({ key: z.string() }),
    body: z.unknown(),
    handle: async ({ params, body }) => {
      await whenReady(deps.ready, deps.readyTimeoutMs ?? 5000);
      const result = evaluateOfrep(deps.provider, params.key, body);
      return { status: result.status, body: result.body };
    },
  });

  router.add({
    method: "POST",
    path: "/ofrep/v1/evaluate/flags",
    access: "viewer",
    body: z.unknown(),
    handle: async ({ body, request }): Promise<HttpResponse> => {
      await whenReady(deps.ready, deps.readyTimeoutMs ?? 5000);
      const result = evaluateOfrep(deps.provider, undefined, body);
      if (result.status !== 200) return { status: result.status, body: result.body };
      const etag = `"${createHash("sha256").update(JSON.stringify(result.body)).digest("base64url").slice(0, 27)}"`;
      if (headerValue(request.headers, "if-none-match") === etag) return { status: 304, headers: { etag } };
      return { status: 200, body: result.body, headers: { etag } };
    },
  });
}
