import { FieldValue, type Firestore } from "firebase-admin/firestore";

export const deadLettersCollection = "syncDeadLetters";

export interface DeadLetter {
  function: string;
  reason: string;
  raw: unknown;
  messageId: string | undefined;
  customerCode?: string;
  changeId?: string;
}

/** Port: where a message that can never be applied is kept (it is acknowledged, never retried). */
export interface DeadLetterSink {
  record(letter: DeadLetter): Promise<void>;
}

const ALREADY_EXISTS = 6;

/**
 * `syncDeadLetters/{function}-{messageId}`: kept `open` until an operator replays or discards it
 * (sync/dead-letters/). Created once: a redelivered bad message neither duplicates the record
 * nor reopens one an operator already dealt with.
 */
export class FirestoreDeadLetterSink implements DeadLetterSink {
  constructor(private readonly db: Firestore) {}

  async record(letter: DeadLetter): Promise<void> {
    const ref = letter.messageId
      ? this.db.collection(deadLettersCollection).doc(`${letter.function}-${letter.messageId}`)
      : this.db.collection(deadLettersCollection).doc();
    try {
      // JSON text: Firestore rejects some raw shapes (nested arrays, undefined).
      await ref.create({
        function: letter.function,
        reason: letter.reason.slice(0, 2000),
        raw: JSON.stringify(letter.raw ?? null),
        messageId: letter.messageId ?? null,
        customerCode: letter.customerCode ?? null,
        changeId: letter.changeId ?? null,
        status: "open",
        receivedAt: FieldValue.serverTimestamp(),
      });
    } catch (error) {
      if ((error as { code?: unknown }).code !== ALREADY_EXISTS) throw error;
    }
  }
}
