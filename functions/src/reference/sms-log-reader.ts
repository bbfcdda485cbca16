import type { Firestore } from "firebase-admin/firestore";
import { type SmsLog, smsLogSchema } from "../domain/sms-log.js";

export const smsLogsCollection = "smsLogs";

/** Port: SMS logs of one customer, newest first (the SMS feature writes them). */
export interface SmsLogReader {
  forCustomer(customerCode: string, limit: number): Promise<SmsLog[]>;
}

/** Reads `smsLogs`; the SMS feature puts the customer code in each log's metadata. */
export class FirestoreSmsLogReader implements SmsLogReader {
  constructor(private readonly db: Firestore) {}

  async forCustomer(customerCode: string, limit: number): Promise<SmsLog[]> {
    const snapshot = await this.db
      .collection(smsLogsCollection)
      .where("metadata.customerCode", "==", customerCode)
      .get();
    // Equality only, sorted here: no composite index needs deploying for this query.
    return snapshot.docs
      .map((doc) => smsLogSchema.parse(doc.data()))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, limit);
  }
}
