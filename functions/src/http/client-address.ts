import type { FrameworkRequest } from "./router.js";

/**
 * The caller's address for per-address limits. Each trusted proxy appends the address it saw to
 * X-Forwarded-For, so the entry `hops` from the right is the last one no client could forge
 * (Cloud Functions behind Google's front end: 1). Locally there is no proxy: the socket address.
 */
export function clientAddress(req: Pick<FrameworkRequest, "headers" | "ip">, hops: number): string {
  const forwarded = req.headers["x-forwarded-for"];
  const list = (Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (hops > 0 && list.length > 0) return list[Math.max(0, list.length - hops)] ?? "unknown";
  return req.ip ?? "unknown";
}
