/**
 * Delivery attempts per message id, counted the way Cloud Pub/Sub counts `deliveryAttempt`: by the
 * service, per message, whichever subscriber the attempt went to. One instance shared by the
 * successive OrderedPushDelivery objects of a subscription (a harness that stops and restarts
 * delivery) keeps the count across those restarts, as the service does; a new instance per
 * delivery would restart every count at 1, which is kinder than Pub/Sub.
 *
 * Bounded: past `capacity` ids the longest-known id is forgotten (a message counted that long ago
 * has long been settled), so a long `npm start` does not grow without end.
 */
export class DeliveryAttempts {
  private readonly attempts = new Map<string, number>();

  constructor(private readonly capacity = 100_000) {}

  /** Records one more attempt of the message and returns its number (1 for the first). */
  next(messageId: string): number {
    const attempt = this.count(messageId) + 1;
    if (attempt === 1 && this.attempts.size >= this.capacity) {
      const oldest = this.attempts.keys().next();
      if (!oldest.done) this.attempts.delete(oldest.value);
    }
    this.attempts.set(messageId, attempt);
    return attempt;
  }

  /** Attempts recorded so far (0 before the first). */
  count(messageId: string): number {
    return this.attempts.get(messageId) ?? 0;
  }
}
