import {
  type DocumentData,
  type DocumentReference,
  type DocumentSnapshot,
  FieldValue,
  type Firestore,
  Timestamp,
} from "firebase-admin/firestore";
import type { ApplyOutcome } from "../apply/apply-outcome.js";
import type { ChangeMessage } from "../change-message.js";
import type { SyncDirection } from "./status-ports.js";

/**
 * `syncApplied/{changeId}`: one lag sample per change that took effect, expiring after a day (TTL
 * on expireAt). Written in the apply's OWN final commit, stamped with that commit's server time:
 * the sample costs no extra round trip, cannot be lost separately from the change, and measures
 * up to the moment the other side holds the change.
 */
export const appliedSamplesCollection = "syncApplied";

/** What Transaction and WriteBatch have in common: a sample joins whichever the apply commits. */
export interface DocumentSetter {
  set(ref: DocumentReference, data: DocumentData): unknown;
}

const measured: ReadonlySet<ApplyOutcome> = new Set(["applied", "unchanged", "deleted"]);

function directionOf(message: Pick<ChangeMessage, "source">): SyncDirection {
  return message.source === "legacy" ? "legacy-to-new" : "new-to-legacy";
}

/** A sample document; `appliedAt` is the commit's server time in production, a fixed time in tests. */
export function appliedSample(
  direction: SyncDirection,
  committedAt: Date,
  appliedAt: Timestamp | FieldValue = FieldValue.serverTimestamp(),
): DocumentData {
  return {
    direction,
    committedAt: Timestamp.fromDate(committedAt),
    appliedAt,
    expireAt: Timestamp.fromMillis(Date.now() + 24 * 3600_000),
  };
}

/** Adds the change's lag sample to the apply's final write, when the change took effect. */
export function writeAppliedSample(
  db: Firestore,
  writer: DocumentSetter,
  message: ChangeMessage,
  outcome: ApplyOutcome,
): void {
  if (!measured.has(outcome)) return; // duplicates, stale and skipped changes were not applied
  // Keyed by changeId: a redelivered change is one sample, not two.
  writer.set(
    db.collection(appliedSamplesCollection).doc(message.changeId),
    appliedSample(directionOf(message), new Date(message.committedAt)),
  );
}

/** `start` → the document's `appliedAt`, in ms; null unless both are Timestamps. */
export function lagSince(doc: DocumentSnapshot, start: string): number | null {
  const startedAt = doc.get(start);
  const appliedAt = doc.get("appliedAt");
  if (!(startedAt instanceof Timestamp) || !(appliedAt instanceof Timestamp)) return null;
  return appliedAt.toMillis() - startedAt.toMillis();
}

/** Source commit → applied, in ms; null for a document that is not a complete sample. */
export function lagOfSample(doc: DocumentSnapshot): number | null {
  return lagSince(doc, "committedAt");
}
