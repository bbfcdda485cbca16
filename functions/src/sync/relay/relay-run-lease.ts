/**
 * Who may run a scheduled relay right now. Cloud Scheduler starts a call every minute and each
 * call relays for longer than a minute, so there is never a gap between calls; the lease makes
 * the calls take turns instead of overlapping (two outbox relays at once publish entries twice):
 * a new call asks the running one to hand over, and the running one does so between batches.
 */
export interface RelayRunLease {
  /**
   * Takes the lease when it is free or its holder stopped renewing; otherwise asks the holder to
   * hand over and waits for that, at most `waitMs`. Resolves whether `holder` now holds it.
   */
  acquire(holder: string, waitMs: number): Promise<boolean>;
  /**
   * Extends the holder's lease. "yield": another call asked for it (finish the batch, then
   * `release`); "lost": it ran out and another call took it (stop at once).
   */
  renew(holder: string): Promise<"keep" | "yield" | "lost">;
  /** Gives the lease to the call that asked for it, or frees it. A lost lease is left alone. */
  release(holder: string): Promise<void>;
}

/** How the lease is timed; shared by the Firestore lease and its fake. */
export const relayRunLeaseTiming = {
  /** A holder that stops renewing for this long (killed, frozen) loses the lease. */
  ttlMs: 15_000,
  /** How often the holder renews, and so how quickly it notices a handover request. */
  renewEveryMs: 1_000,
  /** How often a waiting call looks again. */
  pollMs: 200,
} as const;

export interface LeaseState {
  holder: string;
  expiresAt: number;
  handoverTo: string | null;
}

/**
 * One step of `acquire`, pure: the lease's next state for a caller at `now`, and whether the
 * caller holds it. Both implementations run it inside their own atomic read-modify-write.
 */
export function acquireStep(
  state: LeaseState | undefined,
  holder: string,
  now: number,
  ttlMs: number,
): { next: LeaseState; held: boolean } {
  if (!state || state.expiresAt <= now || state.holder === holder)
    return { next: { holder, expiresAt: now + ttlMs, handoverTo: null }, held: true };
  return { next: { ...state, handoverTo: holder }, held: false };
}

/** A caller that stopped waiting takes back its request, so the holder does not hand over to no one. */
export function withdrawStep(state: LeaseState | undefined, holder: string): LeaseState | undefined {
  return state?.handoverTo === holder ? { ...state, handoverTo: null } : state;
}

/** One step of `renew`, pure. */
export function renewStep(
  state: LeaseState | undefined,
  holder: string,
  now: number,
  ttlMs: number,
): { next: LeaseState | undefined; answer: "keep" | "yield" | "lost" } {
  if (!state || state.holder !== holder) return { next: state, answer: "lost" };
  const next = { ...state, expiresAt: now + ttlMs };
  return { next, answer: state.handoverTo && state.handoverTo !== holder ? "yield" : "keep" };
}

/** One step of `release`, pure: the asker gets the lease (with a fresh term), or it is freed. */
export function releaseStep(
  state: LeaseState | undefined,
  holder: string,
  now: number,
  ttlMs: number,
): LeaseState | undefined {
  if (!state || state.holder !== holder) return state;
  if (state.handoverTo) return { holder: state.handoverTo, expiresAt: now + ttlMs, handoverTo: null };
  return { ...state, expiresAt: 0, handoverTo: null };
}
