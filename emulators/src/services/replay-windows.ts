import type { Message } from "@google-cloud/pubsub";

/**
 * The recently acknowledged messages of each ordering key, oldest first, for replays: when Cloud
 * Pub/Sub redelivers a message of an ordered subscription it also redelivers every later message
 * of that key it had already delivered, acknowledged or not. Only the last `size` per key are
 * kept: a replay reaches back that far at most.
 */
export class ReplayWindows {
  private readonly windows = new Map<string, Message[]>();

  constructor(private readonly size = 20) {}

  /** Remembers an acknowledged message as the newest of its key. */
  record(key: string, message: Message): void {
    const window = this.windows.get(key) ?? [];
    window.push(message);
    if (window.length > this.size) window.shift();
    this.windows.set(key, window);
  }

  /**
   * What a redelivery replays: a pseudo-randomly chosen message acknowledged before the newest one
   * (uniformly among them; the newest alone when it is the only one), then every later message of
   * the window in order, through the newest. `notAfter`, the next message of a replay under way:
   * the new one starts no later, so the subscriber never skips forward over a message.
   */
  replay(key: string, random: () => number, notAfter?: Message): Message[] {
    const window = this.windows.get(key) ?? [];
    const earlier = Math.max(1, window.length - 1);
    const picked = Math.min(earlier - 1, Math.floor(random() * earlier));
    const pending = notAfter ? window.indexOf(notAfter) : -1;
    return window.slice(pending >= 0 ? Math.min(picked, pending) : picked);
  }
}
