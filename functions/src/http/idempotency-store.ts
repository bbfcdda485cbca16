import type { HttpResponse } from "./route.js";

/** What a reservation found: nothing yet (go ahead), the first attempt's answer, or an attempt still running. */
export type Reservation =
  | { kind: "reserved" }
  | { kind: "done"; fingerprint: string; response: HttpResponse }
  | { kind: "running"; fingerprint: string };

/**
 * Port: one record per (user, Idempotency-Key). `reserve` creates it atomically ("running") or
 * returns what is there; `complete` stores the first answer; `release` forgets a reservation whose
 * request wrote nothing (it was refused with a 4xx), so the same key can be sent again.
 */
export interface IdempotencyStore {
  reserve(id: string, fingerprint: string): Promise<Reservation>;
  complete(id: string, response: HttpResponse): Promise<void>;
  release(id: string): Promise<void>;
}
