/**
 * Delivery attempts per message id, counted the way Cloud Pub/Sub counts `deliveryAttempt`: by the
 * service, per message, whichever subscriber the attempt went to. One instance shared by the
 * successive OrderedPushDelivery objects of a subscription (a harness that stops and restarts
 * delivery) keeps the count across those restarts, as the service does; a new instance per
 * delivery would restart every count at 1, which is kinder than Pub/Sub. The backoff after a nack
 * is kept the same way: a restarted delivery retrying at once would be harsher than Pub/Sub (it
 * burns attempts, and dead-letters, faster than the service does).
 *
 * Bounded: past `capacity` ids the longest-known id is forgotten (a message counted that long ago
 * has long been settled), so a long `npm start` does not grow without end.
 */
export class DeliveryAttempts {
  private readonly attempts = new Map<string, { count: number; retryAt: number }>();

  constructor(private readonly capacity = 100_000) {}

  /** Records one more attempt of the message and returns its number (1 for the first). */
  next(messageId: string): number {
    const attempt = this.count(messageId) + 1;
    if (attempt === 1 && this.attempts.size >= this.capacity) {
      const oldest = this.attempts.keys().next();
      if (!oldest.done) this.attempts.delete(oldest.value);
    }
    this.attempts.set(messageId, { count: attempt, retryAt: 0 });
    return attempt;
  }

  /** Attempts recorded so far (0 before the first). */
  count(messageId: string): number {
    return this.attempts.get(messageId)?.count ?? 0;
  }

  /**
   * A nack's backoff, kept by the service like the count: Cloud Pub/Sub does not redeliver the
   * message before `at` (epoch ms), whichever subscriber asks, so a restarted delivery waits too.
   */
  backOff(messageId: string, at: number): void {
    const found = this.attempts.get(messageId);
    if (found) found.retryAt = at;
  }

  /** When the message may be attempted again (0: now). */
  retryAt(messageId: string): number {
    return this.attempts.get(messageId)?.retryAt ?? 0;
  }
}
