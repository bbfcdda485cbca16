import { randomUUID } from "node:crypto";
import { type AuditContext, type AuditDraft, auditDraft } from "../audit/audit-draft.js";
import type { MigrationStage } from "../domain/customer.js";
import {
  CustomerNotVerifiedError,
  DrainFailedError,
  InvalidStageTransitionError,
  StageAssignmentConflictError,
  StageSkippedError,
} from "./migration-errors.js";
import type { DrainPort, LevellingPort, MigrationFlagPort, VerificationPort } from "./migration-ports.js";
import { nextStage, servesFromNew, stageRank } from "./migration-stage.js";
import type { StageAssignment, StageAssignmentStore } from "./stage-assignment-store.js";
import type { WriteHolds } from "./write-hold.js";

export interface CustomerStageDeps {
  flag: MigrationFlagPort;
  assignments: StageAssignmentStore;
  verification: VerificationPort;
  drain: DrainPort;
  /**
   * The backfill that makes `off → dualwrite` start the sync from equal sides. Without it (unit
   * tests, tools) the stage only moves and the sync starts from whatever the new side holds.
   */
  levelling?: LevellingPort;
  /** Holds the customer's new-side writes during a rollback from a stage the new system serves. */
  holds?: WriteHolds;
  /** How old the verification that lets a customer enter `live` may be (default 10 minutes). */
  verificationMaxAgeMs?: number;
  now?: () => Date;
}

export const defaultVerificationMaxAgeMs = 10 * 60_000;

export interface ExplicitStageChange {
  customerCode: string;
  to: MigrationStage;
  actor: string;
  reason: string;
  /** The API request behind the change (who, correlation id); absent: the rollout flag moved it. */
  audit?: AuditContext;
}

/** The common audit entry of a stage change: the person's, or the system's when the flag moved it. */
function stageAuditDraft(request: ExplicitStageChange, action: string, at: Date): AuditDraft {
  const change = { action, entity: "stage" as const, key: request.customerCode };
  if (request.audit) return auditDraft({ ...request.audit, reason: request.reason }, change, at);
  const who = { uid: request.actor, email: null, role: null };
  return { who, when: at, ...change, reason: request.reason, correlationId: `stage-${randomUUID()}` };
}

/**
 * A customer's stage = the migration flag's answer, made sticky by a persisted assignment: the
 * flag can move a customer forward (subject to preconditions) but never back. Only an explicit,
 * audited rollback lowers a stage, and it then holds the customer there until an explicit advance.
 */
export class CustomerStageService {
  private readonly now: () => Date;

  constructor(private readonly deps: CustomerStageDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The stage to route this customer by, persisting any forward move the flag asks for. */
  async currentStage(customerCode: string): Promise<MigrationStage> {
    const assignment = await this.deps.assignments.get(customerCode);
    if (assignment?.held) return assignment.stage;
    const current = assignment?.stage ?? "off";
    const decision = await this.deps.flag.stageFor(customerCode);
    if (stageRank(decision.stage) <= stageRank(current)) return current;
    const reachable = await this.highestAllowed(customerCode, current, decision.stage);
    if (reachable === current) return current;
    try {
      await this.change(
        assignment,
        { customerCode, to: reachable, actor: decision.decidedBy, reason: "rollout flag" },
        "advance",
        false,
      );
      return reachable;
    } catch (error) {
      // Another instance moved the customer at the same moment: its write wins, read it back.
      if (!(error instanceof StageAssignmentConflictError)) throw error;
      return (await this.deps.assignments.get(customerCode))?.stage ?? current;
    }
  }

  /** Explicit move one stage forward by a person; also lifts a rollback hold. */
  async advance(request: ExplicitStageChange): Promise<StageAssignment> {
    const { customerCode, to } = request;
    const assignment = await this.deps.assignments.get(customerCode);
    const from = assignment?.stage ?? "off";
    if (stageRank(to) <= stageRank(from)) throw new InvalidStageTransitionError(customerCode, from, to);
    const next = nextStage(from);
    if (next !== undefined && to !== next) throw new StageSkippedError(customerCode, from, to, next);
    if (servesFromNew(to) && !servesFromNew(from)) {
      const why = await this.unverifiedBecause(customerCode);
      if (why) throw new CustomerNotVerifiedError(customerCode, why);
    }
    if (to === "dualwrite" && this.deps.levelling)
      return this.levelThenAdvance(this.deps.levelling, assignment, request);
    // Served by the new system again: a rollback's settled hold must not refuse its writes there.
    if (servesFromNew(to)) await this.deps.holds?.release(customerCode);
    return this.change(assignment, request, "advance", false);
  }

  /** The backfill copies the customer and calls back to turn the sync on: the stage moves only after the copy. */
  private async levelThenAdvance(
    levelling: LevellingPort,
    assignment: StageAssignment | undefined,
    request: ExplicitStageChange,
  ): Promise<StageAssignment> {
    let saved: StageAssignment | undefined;
    let failure: unknown;
    const outcome = await levelling.levelNewSide([request.customerCode], async () => {
      saved = await this.change(assignment, request, "advance", false).catch((error: unknown) => {
        failure = error;
        throw error;
      });
    });
    if (saved) return saved;
    throw (
      failure ??
      new Error(
        `backfill of ${request.customerCode} ended without turning its sync on: ${JSON.stringify(outcome)}`,
      )
    );
  }

  /**
   * Explicit move back. When the new system was serving the customer, its writes there are held
   * first (refused with Retry-After, see write-hold.ts), every pending new-side change is drained
   * into legacy and verified, and only then does the stage flip; the hold then stays, settled (the
   * new side is no longer written for this customer), or is lifted when the drain fails and the
   * customer stays where it was.
   */
  async rollback(request: ExplicitStageChange): Promise<StageAssignment> {
    const assignment = await this.deps.assignments.get(request.customerCode);
    const from = assignment?.stage ?? "off";
    if (assignment === undefined || stageRank(request.to) >= stageRank(from)) {
      throw new InvalidStageTransitionError(request.customerCode, from, request.to);
    }
    if (!servesFromNew(from)) return this.change(assignment, request, "rollback", true);
    const holds = this.deps.holds;
    await holds?.hold(request.customerCode, request.reason);
    try {
      // Out of complete legacy got nothing from the new side: copy it over; else drain what is pending.
      if (from === "complete") await this.levelLegacy(request.customerCode);
      else await this.deps.drain.drainToLegacy(request.customerCode);
    } catch (error) {
      await holds?.release(request.customerCode);
      throw new DrainFailedError(request.customerCode, error);
    }
    const saved = await this.change(assignment, request, "rollback", true).catch(async (error: unknown) => {
      await holds?.release(request.customerCode);
      throw error;
    });
    await holds?.settle(request.customerCode, saved.stage);
    return saved;
  }

  private async levelLegacy(customerCode: string): Promise<void> {
    if (!this.deps.levelling) throw new Error("leaving complete needs the reverse backfill (levelling)");
    await this.deps.levelling.levelLegacySide(customerCode);
  }

  private async highestAllowed(
    code: string,
    current: MigrationStage,
    target: MigrationStage,
  ): Promise<MigrationStage> {
    if (!servesFromNew(target) || servesFromNew(current) || (await this.isVerified(code))) return target;
    // Not verified: go as far as shadow, where both sides are compared but legacy still answers.
    return stageRank("shadow") > stageRank(current) ? "shadow" : current;
  }

  private async isVerified(code: string): Promise<boolean> {
    return (await this.unverifiedBecause(code)) === undefined;
  }

  /** Why the customer may not serve from new yet; undefined when a fresh verification found it equal. */
  private async unverifiedBecause(code: string): Promise<string | undefined> {
    const last = await this.deps.verification.lastVerification(code);
    if (!last) return "has never been verified on legacy and new";
    if (!last.equal) return "differs between legacy and new at its last verification";
    const maxAge = this.deps.verificationMaxAgeMs ?? defaultVerificationMaxAgeMs;
    const age = this.now().getTime() - last.verifiedAt.getTime();
    if (age > maxAge) {
      return `was last verified ${Math.round(age / 1000)} s ago; verify again (at most ${maxAge / 1000} s old)`;
    }
    return undefined;
  }

  private async change(
    assignment: StageAssignment | undefined,
    request: ExplicitStageChange,
    action: "advance" | "rollback",
    held: boolean,
  ): Promise<StageAssignment> {
    const { customerCode, to, actor, reason } = request;
    const fromStage = assignment?.stage ?? "off";
    const at = this.now();
    return this.deps.assignments.save(
      { customerCode, stage: to, held, updatedBy: actor, reason },
      assignment?.version ?? 0,
      { customerCode, action, fromStage, toStage: to, actor, reason, at },
      stageAuditDraft(request, action, at),
    );
  }
}
