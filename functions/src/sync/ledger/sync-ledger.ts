import type { DocumentSnapshot, Firestore, Transaction } from "firebase-admin/firestore";
import { DomainError } from "../../domain/domain-error.js";
import type { ChangeMessage, SyncEntity, SyncSource } from "../change-message.js";

export type LegacyValue = string | number | null;
/** A record in legacy-row column space (flat columns), the space every comparison happens in. */
export type FlatRow = Record<string, LegacyValue>;

/** A losing value still travelling from one side: ignored when it arrives (see README). */
export interface Superseded {
  value: LegacyValue;
  /** For the new side: messages below this version carry the stale value; legacy has no bound. */
  belowVersion: number | null;
}

export interface SyncLedgerEntry {
  entity: SyncEntity;
  key: string;
  customerCode: string;
  /** Highest sourceVersion applied (or deliberately skipped) from each side. */
  legacyVersion: number;
  newVersion: number;
  /** The last changeIds handled, newest last; bounded so the document stays small. */
  recentChangeIds: string[];
  /** Last state both sides agreed on, per column; null before the first sync or after a delete. */
  base: FlatRow | null;
  superseded: Record<SyncSource, Record<string, Superseded>>;
  /**
   * Held by syncApplyToLegacy from before its PostgreSQL transaction until its ledger commit, so
   * the two directions never decide about one record at the same time (epoch ms expiry: a crashed
   * holder blocks the record only until then).
   */
  lease: { holder: string; until: number } | null;
  /**
   * The last delete the sync carried across: which side deleted the record, the base it had, and
   * the receiving side's version the delete was written at. A change from the receiving side below
   * that version was made before the delete arrived: it must not bring the record back.
   */
  deleted: { side: SyncSource; base: FlatRow | null; version: number } | null;
}

export const ledgerCollection = "syncLedger";
const recentChangeLimit = 50;

export function ledgerRef(db: Firestore, entity: SyncEntity, key: string) {
  return db.collection(ledgerCollection).doc(`${entity}:${key}`);
}

export function emptyLedger(entity: SyncEntity, key: string, customerCode: string): SyncLedgerEntry {
  return {
    entity,
    key,
    customerCode,
    legacyVersion: 0,
    newVersion: 0,
    recentChangeIds: [],
    base: null,
    superseded: { legacy: {}, new: {} },
    lease: null,
    deleted: null,
  };
}

type LedgerKey = Pick<ChangeMessage, "entity" | "key" | "customerCode">;

export async function readLedgerInTransaction(
  db: Firestore,
  tx: Transaction,
  message: LedgerKey,
): Promise<SyncLedgerEntry> {
  return ledgerFromSnapshot(await tx.get(ledgerRef(db, message.entity, message.key)), message);
}

/** The ledger entry in a snapshot of its document (fetched with others in one `getAll`). */
export function ledgerFromSnapshot(snapshot: DocumentSnapshot, message: LedgerKey): SyncLedgerEntry {
  if (!snapshot.exists) return emptyLedger(message.entity, message.key, message.customerCode);
  const stored = snapshot.data() as SyncLedgerEntry;
  // Firestore drops empty maps' absence of keys; normalise so callers never see undefined.
  return {
    ...stored,
    superseded: { legacy: stored.superseded?.legacy ?? {}, new: stored.superseded?.new ?? {} },
    lease: stored.lease ?? null,
    deleted: stored.deleted ?? null,
  };
}

export function writeLedgerInTransaction(db: Firestore, tx: Transaction, ledger: SyncLedgerEntry): void {
  tx.set(ledgerRef(db, ledger.entity, ledger.key), ledger);
}

export type AlreadyApplied = "duplicate" | "stale";

/** Same changeId again, or a version not newer than the last one from that side: nothing to do. */
export function alreadyApplied(ledger: SyncLedgerEntry, message: ChangeMessage): AlreadyApplied | undefined {
  if (ledger.recentChangeIds.includes(message.changeId)) return "duplicate";
  const last = message.source === "legacy" ? ledger.legacyVersion : ledger.newVersion;
  return message.sourceVersion <= last ? "stale" : undefined;
}

/** The ledger after handling `message`: its version and id recorded, base and tombstones as given. */
export function advanceLedger(
  ledger: SyncLedgerEntry,
  message: ChangeMessage,
  changes: Partial<Pick<SyncLedgerEntry, "base" | "superseded" | "deleted">> = {},
): SyncLedgerEntry {
  const versionField = message.source === "legacy" ? "legacyVersion" : "newVersion";
  return {
    ...ledger,
    ...changes,
    [versionField]: Math.max(ledger[versionField], message.sourceVersion),
    recentChangeIds: [...ledger.recentChangeIds, message.changeId].slice(-recentChangeLimit),
  };
}

/** Another apply holds the record: retry later (the push is nacked and redelivered). */
export class LedgerLeaseHeldError extends DomainError {
  constructor(key: string) {
    super("SYNC_RECORD_BUSY", `Another sync apply holds ${key}; the message will be redelivered.`);
  }
}

export function assertLeaseFree(ledger: SyncLedgerEntry, holder: string, now: number): void {
  if (ledger.lease && ledger.lease.holder !== holder && ledger.lease.until > now)
    throw new LedgerLeaseHeldError(`${ledger.entity}:${ledger.key}`);
}
