import type { App } from "firebase-admin/app";
import {
  type DocumentSnapshot,
  type Firestore,
  getFirestore,
  type QuerySnapshot,
  Timestamp,
} from "firebase-admin/firestore";
import { z } from "zod";
import { type AuditDraft, completeAudit } from "../audit/audit-draft.js";
import { addAuditEntry } from "../audit/firestore-audit-log.js";
import {
  type EvaluatorsWrite,
  type FlagChange,
  type FlagSnapshot,
  type FlagWrite,
  flagChangeSchema,
  type StoredEvaluators,
  type StoredFlag,
  sharedEvaluatorsKey,
  storedEvaluatorsSchema,
  storedFlagSchema,
} from "./flag-model.js";
import type { FlagStore, Unsubscribe } from "./flag-store.js";
import { flagChangeFor, nextStoredEvaluators, nextStoredFlag } from "./flag-write-rules.js";

export const flagsCollection = "flags";
/** The shared audit collection (also used by migration stage changes), told apart by `kind`. */
export const flagAuditCollection = "audit";
const flagAuditKind = "flag-change";

const flagChangeDocumentSchema = z.strictObject({
  kind: z.literal(flagAuditKind),
  key: z.string(),
  version: z.int(),
  actor: z.string(),
  reason: z.string(),
  at: z.instanceof(Timestamp),
  before: z.string().nullable(),
  beforeArchived: z.boolean().nullable(),
  after: z.string(),
  archived: z.boolean(),
});

/**
 * Firestore cannot store arrays of arrays, and `fractional` is exactly that, so definitions are
 * kept as JSON text in the document; everything else is a plain field.
 */
const flagDocumentSchema = z.strictObject({
  key: z.string(),
  definition: z.string(),
  version: z.int(),
  updatedBy: z.string(),
  updatedAt: z.instanceof(Timestamp),
  archived: z.boolean(),
});
const evaluatorsDocumentSchema = z.strictObject({
  evaluators: z.string(),
  version: z.int(),
  updatedBy: z.string(),
  updatedAt: z.instanceof(Timestamp),
});

/** FlagStore on Firestore: collection `flags`, one document per flag, plus `flags/$evaluators`. */
export class FirestoreFlagStore implements FlagStore {
  private readonly db: Firestore;

  constructor(
    app: App,
    private readonly onInvalidDocument: (id: string, error: unknown) => void = () => {},
  ) {
    this.db = getFirestore(app);
  }

  async read(): Promise<FlagSnapshot> {
    return this.toSnapshot(await this.db.collection(flagsCollection).get());
  }

  subscribe(onSnapshot: (snapshot: FlagSnapshot) => void, onError: (error: Error) => void): Unsubscribe {
    return this.db
      .collection(flagsCollection)
      .onSnapshot((query) => onSnapshot(this.toSnapshot(query)), onError);
  }

  writeFlag(write: FlagWrite, audit?: AuditDraft): Promise<StoredFlag> {
    return this.db.runTransaction(async (tx) => {
      const current = this.toSnapshot(await tx.get(this.db.collection(flagsCollection)));
      const next = nextStoredFlag(current, write, new Date());
      tx.set(this.db.collection(flagsCollection).doc(next.key), {
        ...next,
        definition: JSON.stringify(next.definition),
        updatedAt: Timestamp.fromDate(next.updatedAt),
      });
      // Same transaction: a change is stored together with its audit entry or not at all.
      const change = flagChangeFor(current, next, write);
      tx.create(this.db.collection(flagAuditCollection).doc(`flag-${next.key}-v${next.version}`), {
        ...change,
        kind: flagAuditKind,
        at: Timestamp.fromDate(change.at),
        before: change.before === null ? null : JSON.stringify(change.before),
        after: JSON.stringify(change.after),
      });
      if (audit)
        addAuditEntry(
          this.db,
          tx,
          completeAudit(audit, flagAuditView(change.before), flagAuditView(change.after)),
        );
      return next;
    });
  }

  async history(key: string): Promise<FlagChange[]> {
    // Equality filters only, sorted here: no composite index to deploy.
    const query = await this.db
      .collection(flagAuditCollection)
      .where("kind", "==", flagAuditKind)
      .where("key", "==", key)
      .get();
    return query.docs.map((doc) => parseChange(doc.data())).sort((a, b) => a.version - b.version);
  }

  writeEvaluators(write: EvaluatorsWrite): Promise<StoredEvaluators> {
    return this.db.runTransaction(async (tx) => {
      const current = this.toSnapshot(await tx.get(this.db.collection(flagsCollection)));
      const next = nextStoredEvaluators(current, write, new Date());
      tx.set(this.db.collection(flagsCollection).doc(sharedEvaluatorsKey), {
        ...next,
        evaluators: JSON.stringify(next.evaluators),
        updatedAt: Timestamp.fromDate(next.updatedAt),
      });
      return next;
    });
  }

  private toSnapshot(query: QuerySnapshot): FlagSnapshot {
    const flags = new Map<string, StoredFlag>();
    let evaluators: StoredEvaluators | undefined;
    for (const doc of query.docs) {
      try {
        if (doc.id === sharedEvaluatorsKey) evaluators = parseEvaluators(doc);
        else flags.set(doc.id, parseFlag(doc));
      } catch (error) {
        // One unreadable document must not hide every other flag; the adapter's owner is told.
        this.onInvalidDocument(doc.id, error);
      }
    }
    return { flags, evaluators };
  }
}

function parseFlag(doc: DocumentSnapshot): StoredFlag {
  const raw = flagDocumentSchema.parse(doc.data());
  return storedFlagSchema.parse({
    ...raw,
    definition: JSON.parse(raw.definition),
    updatedAt: raw.updatedAt.toDate(),
  });
}

function parseEvaluators(doc: DocumentSnapshot): StoredEvaluators {
  const raw = evaluatorsDocumentSchema.parse(doc.data());
  return storedEvaluatorsSchema.parse({
    ...raw,
    evaluators: JSON.parse(raw.evaluators),
    updatedAt: raw.updatedAt.toDate(),
  });
}

function parseChange(data: unknown): FlagChange {
  const { kind: _kind, at, before, after, ...rest } = flagChangeDocumentSchema.parse(data);
  return flagChangeSchema.parse({
    ...rest,
    at: at.toDate(),
    before: before === null ? null : JSON.parse(before),
    after: JSON.parse(after),
  });
}

/** A definition as the audit trail keeps it: as text, since flagd definitions nest without limit. */
function flagAuditView(definition: unknown): Record<string, unknown> | null {
  return definition === null ? null : { definition: JSON.stringify(definition) };
}
