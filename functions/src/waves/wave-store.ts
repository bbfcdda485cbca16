import type { AuditDraft } from "../audit/audit-draft.js";
import type { WaveCustomer, WaveRecord } from "./wave-record.js";

export type WaveChange = Partial<Omit<WaveRecord, "id" | "cohortId" | "createdAt" | "createdBy" | "version">>;

/** Port: waves, their customers' outcomes and the lease of the one runner working on a wave. */
export interface WaveStore {
  /** Stores a new wave with its customers; a cohort has at most one wave (WaveStateError). */
  create(wave: WaveRecord, customers: readonly WaveCustomer[], audit: AuditDraft): Promise<void>;
  get(id: string): Promise<WaveRecord | undefined>;
  /** Every wave, oldest first. */
  list(): Promise<WaveRecord[]>;
  /** Applies `change` if the wave is still at `expectedVersion` (else a VERSION_CONFLICT); audited when `audit` is given. */
  update(id: string, expectedVersion: number, change: WaveChange, audit?: AuditDraft): Promise<WaveRecord>;
  customers(
    id: string,
    pageSize: number,
    after: string | undefined,
  ): Promise<{ items: WaveCustomer[]; lastCode: string | undefined }>;
  allCustomers(id: string): Promise<WaveCustomer[]>;
  recordCustomers(id: string, customers: readonly WaveCustomer[]): Promise<void>;
  /** Takes or renews the runner's lease until `untilMs`; false when another holder's lease is live. */
  lease(id: string, holder: string, untilMs: number, nowMs: number): Promise<boolean>;
  release(id: string, holder: string): Promise<void>;
  /** Whether some runner's lease on the wave is live. */
  leased(id: string, nowMs: number): Promise<boolean>;
}
