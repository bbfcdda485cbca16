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

export class FirestoreDeadLetterSink implements DeadLetterSink {
  constructor(private readonly db: Firestore) {}

  async record(letter: DeadLetter): Promise<void> {
    // Keyed by message id when known, so a redelivered bad message is kept once.
    const ref = letter.messageId
      ? this.db.collection(deadLettersCollection).doc(`${letter.function}-${letter.messageId}`)
      : this.db.collection(deadLettersCollection).doc();
    // JSON text: Firestore rejects some raw shapes (nested arrays, undefined).
    await ref.set({
      function: letter.function,
      reason: letter.reason,
      raw: JSON.stringify(letter.raw ?? null),
      messageId: letter.messageId ?? null,
      customerCode: letter.customerCode ?? null,
      changeId: letter.changeId ?? null,
      receivedAt: FieldValue.serverTimestamp(),
    });
  }
}
