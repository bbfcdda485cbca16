import type { FrameworkRequest, FrameworkResponse } from "./router.js";

/**
 * CORS for the browser origins the API trusts (locally the dashboard runs on another port; in
 * production Hosting serves both on one origin). Sets the headers on every answer to such an
 * origin and answers its preflight itself; returns whether the request is done.
 */
export function answerCors(
  req: FrameworkRequest,
  res: FrameworkResponse,
  origins: readonly string[],
): boolean {
  const origin = req.headers.origin;
  if (typeof origin !== "string" || !origins.includes(origin)) return false;
  res.set("access-control-allow-origin", origin).set("vary", "origin");
  res.set("access-control-expose-headers", "etag, x-correlation-id, retry-after, idempotent-replayed");
  if (req.method !== "OPTIONS") return false;
  res.set("access-control-allow-methods", "GET, POST, PUT, PATCH, DELETE");
  res.set(
    "access-control-allow-headers",
    "authorization, content-type, if-match, if-none-match, idempotency-key",
  );
  res.status(204).end();
  return true;
}
