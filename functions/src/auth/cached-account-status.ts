import { type AccountStatus, type AccountStatusReader, sessionIsActive } from "./account-status.js";

export interface CachedAccountStatusOptions {
  /** At most a minute: how long a revocation or a disabled account may go unnoticed on reads. */
  ttlMs?: number;
  /** Bounds memory: the oldest entries go first. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * Reads each account's status once per `ttlMs` (concurrent requests share one lookup) instead of
 * once per request: reads stay a local token check, yet a revoked user stops reading within a minute.
 */
export class CachedAccountStatus implements AccountStatusReader {
  private readonly entries = new Map<string, { at: number; status: Promise<AccountStatus | undefined> }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly load: (uid: string) => Promise<AccountStatus | undefined>,
    options: CachedAccountStatusOptions = {},
  ) {
    this.ttlMs = Math.min(options.ttlMs ?? 60_000, 60_000);
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async isActive(uid: string, authTimeSeconds: number | undefined): Promise<boolean> {
    return sessionIsActive(await this.statusOf(uid), authTimeSeconds);
  }

  private statusOf(uid: string): Promise<AccountStatus | undefined> {
    const cached = this.entries.get(uid);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.status;
    const status = this.load(uid);
    // A failed lookup is not cached: the next request asks again.
    status.catch(() => this.entries.delete(uid));
    this.entries.delete(uid);
    this.entries.set(uid, { at: this.now(), status });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return status;
  }
}
