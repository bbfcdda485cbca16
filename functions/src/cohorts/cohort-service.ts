import { type AuditContext, auditDraft } from "../audit/audit-draft.js";
import { NotFoundError } from "../shared/errors.js";
import type { CohortCandidate } from "./cohort-candidate.js";
import type { CohortCandidateFacts } from "./cohort-candidate-facts.js";
import { CohortRefusedError } from "./cohort-errors.js";
import {
  type CohortMemberPage,
  type CohortRecord,
  type CohortSummary,
  newCohortId,
  type StoredCohort,
} from "./cohort-record.js";
import { type CohortRequestInput, cohortRequestSchema } from "./cohort-request.js";
import type { CohortStore } from "./cohort-store.js";
import { type CohortSelection, selectCohort } from "./select-cohort.js";

/** Port: customers whose migration stage is not `off` (moved by a wave or by hand). */
export interface MigratedCustomers {
  codesNotOff(): Promise<string[]>;
}

export interface CohortServiceDeps {
  facts: CohortCandidateFacts;
  store: CohortStore;
  migrated: MigratedCustomers;
  clock?: () => Date;
}

/** A preview: the sampler's answer on today's data, with when that data was read. */
export type CohortPreview = CohortSelection & { asOf: Date };

/**
 * Draws cohorts on the register as it is now and stores accepted (or forced) ones. A customer
 * held by a stored cohort or already moved off `off` counts as "in another cohort or wave".
 */
export class CohortService {
  private readonly clock: () => Date;

  constructor(private readonly deps: CohortServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  async preview(input: CohortRequestInput): Promise<CohortPreview> {
    const asOf = this.clock();
    return { ...selectCohort(input, await this.candidates(asOf)), asOf };
  }

  /** Stores the cohort the request draws; a refused one is a CohortRefusedError and stores nothing. */
  async create(input: CohortRequestInput, context: AuditContext): Promise<StoredCohort> {
    const request = cohortRequestSchema.parse(input);
    const drawn = await this.preview(request);
    if (drawn.outcome === "refused") throw new CohortRefusedError(drawn.refused);
    const id = newCohortId(drawn.asOf);
    const record: CohortRecord = {
      id,
      createdAt: this.clock(),
      createdBy: { uid: context.principal.uid, email: context.principal.email ?? null },
      reason: request.reason ?? null,
      asOf: drawn.asOf,
      request,
      outcome: drawn.outcome,
      size: drawn.members.length,
      report: drawn.report,
      excluded: drawn.excluded,
    };
    const members = drawn.members.map((member) => ({ ...member, cohortId: id }));
    const audit = auditDraft(
      { ...context, reason: request.reason },
      { action: "create", entity: "cohort", key: id },
      record.createdAt,
    );
    await this.deps.store.create(record, members, audit);
    return { ...record, status: "ready" };
  }

  list(): Promise<CohortSummary[]> {
    return this.deps.store.list();
  }

  async get(id: string): Promise<StoredCohort> {
    const found = await this.deps.store.get(id);
    if (!found) throw new NotFoundError(`There is no cohort ${id}.`);
    return found;
  }

  async members(id: string, pageSize: number, after: string | undefined): Promise<CohortMemberPage> {
    await this.get(id);
    return this.deps.store.members(id, pageSize, after);
  }

  private async candidates(asOf: Date): Promise<CohortCandidate[]> {
    const [facts, claimed, moved] = await Promise.all([
      this.deps.facts.load(asOf),
      this.deps.store.claimedCodes(),
      this.deps.migrated.codesNotOff(),
    ]);
    const taken = new Set([...claimed, ...moved]);
    return facts.map((fact) => ({ ...fact, inOtherCohortOrWave: taken.has(fact.customerCode) }));
  }
}
