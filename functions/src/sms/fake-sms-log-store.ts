import { type SmsLog, smsLogSchema } from "../domain/sms-log.js";
import { byAttempt, type SmsLogStore } from "./sms-log-store.js";

/** In-memory SmsLogStore for unit tests; validates like the Firestore adapter does. */
export class FakeSmsLogStore implements SmsLogStore {
  readonly logs = new Map<string, SmsLog>();

  async save(log: SmsLog): Promise<void> {
    this.logs.set(log.id, structuredClone(smsLogSchema.parse(log)));
  }

  async listForNotification(notificationId: string): Promise<SmsLog[]> {
    return [...this.logs.values()]
      .filter((log) => log.metadata.notificationId === notificationId)
      .sort(byAttempt);
  }

  all(): SmsLog[] {
    return [...this.logs.values()];
  }
}
