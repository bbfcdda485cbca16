import type { AuditDraft } from "../audit/audit-draft.js";
import type {
  EvaluatorsWrite,
  FlagChange,
  FlagSnapshot,
  FlagWrite,
  StoredEvaluators,
  StoredFlag,
} from "./flag-model.js";

/** Stops a subscription. */
export type Unsubscribe = () => void;

/**
 * Port: where flag definitions live. Writes are optimistic (compare the expected version) and
 * validated against the flagd schema; readers follow a change stream of complete snapshots.
 */
export interface FlagStore {
  /** All flags (archived included) and the shared evaluators, as currently stored. */
  read(): Promise<FlagSnapshot>;
  /**
   * Follows changes. `onSnapshot` gets the full current set first, then after every change.
   * `onError` means the stream has ended; the subscriber must subscribe again to resume.
   */
  subscribe(onSnapshot: (snapshot: FlagSnapshot) => void, onError: (error: Error) => void): Unsubscribe;
  /**
   * Creates (expectedVersion 0) or replaces a flag; throws FlagVersionConflictError or
   * FlagDefinitionInvalidError. The flag's history entry always commits with it; `audit` (the
   * API's request: who, why, correlation id) adds the entry of the common audit trail too.
   */
  writeFlag(write: FlagWrite, audit?: AuditDraft): Promise<StoredFlag>;
  /** Every audited change of one flag (written atomically with it), oldest first. */
  history(key: string): Promise<FlagChange[]>;
  /** Replaces the shared `$evaluators`; every live flag must still validate with them. */
  writeEvaluators(write: EvaluatorsWrite): Promise<StoredEvaluators>;
}
