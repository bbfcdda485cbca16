import { FieldValue, type Firestore } from "firebase-admin/firestore";
import { type AuditContext, auditDraft, completeAudit } from "../../audit/audit-draft.js";
import { addAuditEntry } from "../../audit/firestore-audit-log.js";
import { ConflictError, DependencyUnavailableError, NotFoundError } from "../../shared/errors.js";
import { deadLettersCollection } from "../apply/dead-letters.js";
import { type ChangeMessage, changeMessageSchema, type SyncSource } from "../change-message.js";
import { defaultRetention } from "../relay/legacy-retention.js";
import type { ChangePublisher } from "../relay/relay-ports.js";
import {
  type DeadLetterListQuery,
  type DeadLetterRecord,
  type DiscardBody,
  deadLetterFromSnapshot,
  type ReplayBody,
} from "./dead-letter-record.js";

const listLimit = 500;

/**
 * Dead letters for operators: list and read them, replay one (its change is published again to
 * the topic it came from, with its ordering key) or discard it with a reason. Both are audited.
 * A replayed change goes through the same checks as any delivery: if the record has moved on
 * meanwhile, the apply drops it as stale. For new → legacy that safety also rests on the apply
 * journal (a change that committed in PostgreSQL but not in the ledger is replayed, not merged
 * again), which the legacy relay purges after its retention: such letters can be replayed only
 * while their journal rows are certainly kept, and are discarded (after a verify) later.
 */
export class DeadLetterService {
  constructor(
    private readonly db: Firestore,
    private readonly publishers: Record<SyncSource, ChangePublisher>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(query: DeadLetterListQuery): Promise<DeadLetterRecord[]> {
    let selection: FirebaseFirestore.Query = this.db.collection(deadLettersCollection);
    if (query.status) selection = selection.where("status", "==", query.status);
    if (query.function) selection = selection.where("function", "==", query.function);
    const snapshot = await selection.limit(listLimit).get();
    // Newest first, sorted here: ordering in the query would need a composite index per filter.
    return snapshot.docs
      .map(deadLetterFromSnapshot)
      .sort((a, b) => (b.receivedAt ?? "").localeCompare(a.receivedAt ?? ""));
  }

  async get(id: string): Promise<DeadLetterRecord> {
    const doc = await this.ref(id).get();
    if (!doc.exists) throw new NotFoundError(`No dead letter ${id}.`);
    return deadLetterFromSnapshot(doc);
  }

  /**
   * Publishes first, then marks the letter replayed: a crash in between leaves it open and a
   * second replay publishes the change again, which the apply treats as the duplicate it is.
   */
  async replay(id: string, body: ReplayBody, context: AuditContext): Promise<DeadLetterRecord> {
    const { principal } = context;
    const letter = await this.get(id);
    assertOpen(letter);
    assertJournalKept(letter, this.now());
    const message = replayableMessage(letter);
    const acked = await this.publishers[message.source].publishAll([message]);
    if (!acked.has(message.changeId))
      throw new DependencyUnavailableError(`Could not publish the change of dead letter ${id}; try again.`);
    return this.settle(id, { ...context, reason: body.reason }, "replay", {
      status: "replayed",
      replayedAt: FieldValue.serverTimestamp(),
      replayedBy: principal.uid,
    });
  }

  async discard(id: string, body: DiscardBody, context: AuditContext): Promise<DeadLetterRecord> {
    return this.settle(id, { ...context, reason: body.reason }, "discard", {
      status: "discarded",
      discardedAt: FieldValue.serverTimestamp(),
      discardedBy: context.principal.uid,
      discardReason: body.reason,
    });
  }

  /** Moves an open letter to its final status (`fields`) and writes the audit entry, in one transaction. */
  private async settle(
    id: string,
    context: AuditContext,
    action: "replay" | "discard",
    fields: Record<string, unknown>,
  ): Promise<DeadLetterRecord> {
    const ref = this.ref(id);
    await this.db.runTransaction(async (tx) => {
      const doc = await tx.get(ref);
      if (!doc.exists) throw new NotFoundError(`No dead letter ${id}.`);
      const letter = deadLetterFromSnapshot(doc);
      assertOpen(letter);
      tx.update(ref, fields);
      const draft = auditDraft(context, { action, entity: "dead-letter", key: id }, this.now());
      const about = {
        function: letter.function,
        customerCode: letter.customerCode,
        changeId: letter.changeId,
      };
      addAuditEntry(
        this.db,
        tx,
        completeAudit(draft, { status: "open", ...about }, { status: String(fields.status), ...about }),
      );
    });
    return this.get(id);
  }

  private ref(id: string) {
    return this.db.collection(deadLettersCollection).doc(id);
  }
}

function assertOpen(letter: DeadLetterRecord): void {
  if (letter.status !== "open")
    throw new ConflictError(`Dead letter ${letter.id} is already ${letter.status}.`);
}

/** The journal keeps `retentionDays` after an apply; a day's margin covers the attempts before the letter. */
const replayableForMs = (defaultRetention.retentionDays - 1) * 24 * 60 * 60 * 1000;

function assertJournalKept(letter: DeadLetterRecord, now: Date): void {
  if (letter.function !== "syncApplyToLegacy" || letter.receivedAt === null) return;
  if (now.getTime() - Date.parse(letter.receivedAt) <= replayableForMs) return;
  throw new ConflictError(
    `Dead letter ${letter.id} was kept on ${letter.receivedAt}; the journal that makes a replay safe is kept ${defaultRetention.retentionDays} days. Verify the customer (POST /v1/sync/verify) and discard the letter with a reason.`,
  );
}

/** Only a letter holding a valid change can be replayed; a malformed message would only fail again. */
function replayableMessage(letter: DeadLetterRecord): ChangeMessage {
  let raw: unknown;
  try {
    raw = JSON.parse(letter.raw);
  } catch {
    raw = undefined;
  }
  const parsed = changeMessageSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConflictError(
      `Dead letter ${letter.id} holds no valid change (${letter.reason}); it cannot be replayed, only discarded.`,
    );
  return parsed.data;
}
