import type { SmsLog } from "../domain/sms-log.js";

export const smsLogsCollection = "smsLogs";

/** Port: one SmsLog per send attempt, written when the attempt starts and again when it ends. */
export interface SmsLogStore {
  /** Creates or replaces the log with this id. */
  save(log: SmsLog): Promise<void>;
  /** Logs whose metadata.notificationId matches, in attempt order. */
  listForNotification(notificationId: string): Promise<SmsLog[]>;
}

export function byAttempt(a: SmsLog, b: SmsLog): number {
  return Number(a.metadata.attempt ?? 0) - Number(b.metadata.attempt ?? 0);
}
