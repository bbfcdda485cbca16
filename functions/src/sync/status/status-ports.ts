/** The two directions of the sync, named by where changes flow. */
export type SyncDirection = "legacy-to-new" | "new-to-legacy";

export interface BacklogFigures {
  /** Changes captured but not yet published. */
  backlog: number;
  oldestUnpublishedAt: Date | null;
  /** Changes published in the last five minutes. */
  publishedLast5Minutes: number;
}

/** Where one direction's unpublished changes are counted: legacy `sync.changes` or the Firestore outbox. */
export interface BacklogReader {
  read(now: Date): Promise<BacklogFigures>;
}

/** One change's lag: source commit → applied on the other side (milliseconds). */
export interface LagSampleReader {
  /** Lags of changes applied since `since`, in milliseconds (a bounded, most-recent sample). */
  lagsSince(direction: SyncDirection, since: Date): Promise<number[]>;
}

export interface VerificationSummary {
  customerCode: string;
  equal: boolean;
  verifiedAt: string;
}

/** What the apply side, verification and conflicts leave in Firestore for operators. */
export interface SyncSignalsReader {
  deadLetters(functionName: string): Promise<number>;
  openConflicts(): Promise<number>;
  lastVerification(): Promise<VerificationSummary | null>;
  legacyBreaker(): Promise<{ state: string; changedAt: string | null } | null>;
}
