import { createHash } from "node:crypto";
import type { Authorizer } from "../auth/principal.js";
import type { InMemoryFlagProvider } from "../flags/in-memory-flag-provider.js";
import { evaluateOfrep } from "../flags/ofrep-handler.js";
import type { HttpRequest, HttpResponse, Router } from "../http/router.js";
import { DependencyUnavailableError } from "../shared/errors.js";
import { headerValue } from "./http-support.js";

export interface OfrepRoutesDeps {
  provider: InMemoryFlagProvider;
  /** Resolves once the provider holds the first snapshot of the flags. */
  ready: Promise<void>;
  authorizer: Authorizer;
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
  const authorize = (request: HttpRequest) =>
    deps.authorizer.authorize(headerValue(request.headers, "authorization"), {
      role: "viewer",
      write: false,
    });

  router.on("POST", "/ofrep/v1/evaluate/flags/{key}", async (request) => {
    await authorize(request);
    await whenReady(deps.ready, deps.readyTimeoutMs ?? 5000);
    // An unknown or malformed key is an OFREP FLAG_NOT_FOUND answer, which the providers understand.
    const result = evaluateOfrep(deps.provider, request.params.key ?? "", request.body);
    return { status: result.status, body: result.body };
  });

  router.on("POST", "/ofrep/v1/evaluate/flags", async (request): Promise<HttpResponse> => {
    await authorize(request);
    await whenReady(deps.ready, deps.readyTimeoutMs ?? 5000);
    const result = evaluateOfrep(deps.provider, undefined, request.body);
    if (result.status !== 200) return { status: result.status, body: result.body };
    const etag = `"${createHash("sha256").update(JSON.stringify(result.body)).digest("base64url").slice(0, 27)}"`;
    if (headerValue(request.headers, "if-none-match") === etag) return { status: 304, headers: { etag } };
    return { status: 200, body: result.body, headers: { etag } };
  });
}
