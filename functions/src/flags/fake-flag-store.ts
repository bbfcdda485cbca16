import { type AuditDraft, completeAudit } from "../audit/audit-draft.js";
import type { AuditEntry } from "../audit/audit-log.js";
import type {
  EvaluatorsWrite,
  FlagChange,
  FlagSnapshot,
  FlagWrite,
  StoredEvaluators,
  StoredFlag,
} from "./flag-model.js";
import type { FlagStore, Unsubscribe } from "./flag-store.js";
import { flagChangeFor, nextStoredEvaluators, nextStoredFlag } from "./flag-write-rules.js";

interface Subscriber {
  onSnapshot: (snapshot: FlagSnapshot) => void;
  onError: (error: Error) => void;
}

/** In-memory FlagStore for unit tests; applies the same write rules as the Firestore adapter. */
export class FakeFlagStore implements FlagStore {
  private flags = new Map<string, StoredFlag>();
  private evaluators: StoredEvaluators | undefined;
  private readonly subscribers = new Set<Subscriber>();
  private readonly changes: FlagChange[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  async read(): Promise<FlagSnapshot> {
    return this.snapshot();
  }

  subscribe(onSnapshot: Subscriber["onSnapshot"], onError: Subscriber["onError"]): Unsubscribe {
    const subscriber = { onSnapshot, onError };
    this.subscribers.add(subscriber);
    onSnapshot(this.snapshot());
    return () => this.subscribers.delete(subscriber);
  }

  /** Entries of the common audit trail, as the Firestore store commits them with the write. */
  readonly audit: AuditEntry[] = [];

  async writeFlag(write: FlagWrite, audit?: AuditDraft): Promise<StoredFlag> {
    const stored = nextStoredFlag(this.snapshot(), write, this.now());
    const change = flagChangeFor(this.snapshot(), stored, write);
    this.changes.push(change);
    if (audit) this.audit.push(completeAudit(audit, change.before, change.after));
    this.flags = new Map(this.flags).set(stored.key, stored);
    this.publish();
    return stored;
  }

  async history(key: string): Promise<FlagChange[]> {
    return this.changes.filter((change) => change.key === key);
  }

  async writeEvaluators(write: EvaluatorsWrite): Promise<StoredEvaluators> {
    this.evaluators = nextStoredEvaluators(this.snapshot(), write, this.now());
    this.publish();
    return this.evaluators;
  }

  /** Simulates a document written around the API (e.g. edited in the console), skipping validation. */
  putUnvalidated(stored: StoredFlag): void {
    this.flags = new Map(this.flags).set(stored.key, stored);
    this.publish();
  }

  /** Simulates the change stream dying (network loss): every listener gets onError and is dropped. */
  breakListeners(error = new Error("listener lost")): void {
    const dropped = [...this.subscribers];
    this.subscribers.clear();
    for (const subscriber of dropped) subscriber.onError(error);
  }

  get listenerCount(): number {
    return this.subscribers.size;
  }

  private snapshot(): FlagSnapshot {
    return { flags: this.flags, evaluators: this.evaluators };
  }

  private publish(): void {
    const snapshot = this.snapshot();
    for (const subscriber of this.subscribers) subscriber.onSnapshot(snapshot);
  }
}
