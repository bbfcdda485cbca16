import type { Firestore } from "firebase-admin/firestore";
import { type SmsLog, smsLogSchema } from "../domain/sms-log.js";
import { byAttempt, type SmsLogStore, smsLogsCollection } from "./sms-log-store.js";

/** SmsLogStore on Firestore: `smsLogs/{id}` holds the SmsLog exactly as the domain schema has it. */
export class FirestoreSmsLogStore implements SmsLogStore {
  constructor(private readonly db: Firestore) {}

  async save(log: SmsLog): Promise<void> {
    const valid = smsLogSchema.parse(log);
    await this.db.collection(smsLogsCollection).doc(valid.id).set(valid);
  }

  async listForNotification(notificationId: string): Promise<SmsLog[]> {
    // Equality only, sorted here: no composite index needs deploying for this query.
    const snapshot = await this.db
      .collection(smsLogsCollection)
      .where("metadata.notificationId", "==", notificationId)
      .get();
    return snapshot.docs.map((doc) => smsLogSchema.parse(doc.data())).sort(byAttempt);
  }
}
