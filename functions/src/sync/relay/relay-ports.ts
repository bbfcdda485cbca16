import type { ChangeMessage } from "../change-message.js";

/** One change claimed from a source, with the source's own reference to mark it later. */
export interface ClaimedChange {
  ref: string;
  message: ChangeMessage;
}

/** A change the source holds that can never become a valid message (kept out of the stream, with why). */
export interface RejectedChange {
  ref: string;
  reason: string;
}

/**
 * A batch claimed from a source. Until `complete` or `abandon` (or, on the legacy side, the end of
 * the claim's lease), no other relay gets these changes.
 * `complete` marks exactly the given refs as published (and the rejected ones as rejected);
 * everything else stays unpublished for the next drain.
 */
export interface ClaimedBatch {
  changes: ClaimedChange[];
  rejected: RejectedChange[];
  complete(publishedRefs: string[]): Promise<void>;
  abandon(): Promise<void>;
}

/** Where unpublished changes come from: legacy `sync.changes` or the Firestore `syncOutbox`. */
export interface ChangeSource {
  claim(limit: number): Promise<ClaimedBatch>;
}

/**
 * Publishes messages to one topic with ordering key = customer code, and resolves once every
 * publish is acknowledged or failed. Returns the changeIds that were acknowledged; for each
 * customer those form a prefix of its messages (ordering pauses the key at the first failure).
 */
export interface ChangePublisher {
  publishAll(messages: ChangeMessage[]): Promise<Set<string>>;
}
