import { type AuditContext, auditDraft } from "../audit/audit-draft.js";
import type { CohortService } from "../cohorts/cohort-service.js";
import type { MigrationStage } from "../domain/customer.js";
import { nextStage, servesFromNew } from "../migration/migration-stage.js";
import { NotFoundError } from "../shared/errors.js";
import { WaveStateError } from "./wave-errors.js";
import { newWaveId, type WaveCustomer, type WaveRecord } from "./wave-record.js";
import type { WaveChange, WaveStore } from "./wave-store.js";
import { type WaveView, waveView } from "./wave-view.js";

/** Port: the stage of each customer now (the migration assignments). */
export interface StagesOf {
  stagesOf(codes: readonly string[]): Promise<Map<string, MigrationStage>>;
}

export interface WaveServiceDeps {
  waves: WaveStore;
  cohorts: Pick<CohortService, "get" | "members">;
  stages: StagesOf;
  runner: { kick(id: string): void };
  clock?: () => Date;
}

/** Where a rollback from each stage goes: back to legacy serving with both directions on, or off. */
const rollbackTarget: Partial<Record<MigrationStage, MigrationStage>> = {
  // Out of complete through the reverse backfill; the new system keeps serving, legacy is written again.
  complete: "rampdown",
  live: "shadow",
  rampdown: "shadow",
  shadow: "off",
  dualwrite: "off",
};

/**
 * Waves: one cohort through the stages, one step per call (advance, pause, resume, rollback), each
 * audited with its reason. A step's work is done by the WaveRunner in the background; the call
 * answers as soon as the step is accepted.
 */
export class WaveService {
  private readonly clock: () => Date;

  constructor(private readonly deps: WaveServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  async create(cohortId: string, context: AuditContext & { reason: string }): Promise<WaveView> {
    await this.deps.cohorts.get(cohortId);
    const now = this.clock();
    const codes = await this.memberCodes(cohortId);
    const wave: WaveRecord = {
      id: newWaveId(now),
      cohortId,
      createdAt: now,
      createdBy: { uid: context.principal.uid, email: context.principal.email ?? null },
      reason: context.reason,
      stage: "off",
      target: null,
      direction: null,
      status: "idle",
      failure: null,
      gates: [],
      progress: { done: 0, total: codes.length, startedAt: null },
      version: 1,
    };
    const customers: WaveCustomer[] = codes.map((customerCode) => ({
      customerCode,
      stage: "off",
      outcome: "pending",
      detail: null,
      updatedAt: now,
    }));
    await this.deps.waves.create(wave, customers, this.audit(context, "create", wave.id));
    return this.view(wave);
  }

  /** Every wave, oldest first, without the per-customer counts (GET /v1/waves/{id} has them). */
  async list(): Promise<Omit<WaveRecord, "version">[]> {
    return (await this.deps.waves.list()).map(({ version: _version, ...wave }) => wave);
  }

  async get(id: string): Promise<WaveView> {
    const wave = await this.wave(id);
    // A runner that died mid-step: whoever looks starts another, which carries on.
    if (wave.status === "running" && !(await this.deps.waves.leased(id, this.clock().getTime())))
      this.deps.runner.kick(id);
    return this.view(wave);
  }

  async advance(id: string, context: AuditContext & { reason: string }): Promise<WaveView> {
    const wave = await this.wave(id);
    if (wave.status === "running" || wave.status === "paused")
      throw new WaveStateError(`Wave ${id} is ${wave.status}: wait for its step or resume it.`);
    const retry = wave.status === "failed" && wave.direction === "advance" && wave.target;
    const target = retry ? wave.target : nextStage(wave.stage);
    if (!target) throw new WaveStateError(`Wave ${id} is complete: there is no stage after it.`);
    if (wave.stage === "off") await this.assertEarlierWavesHealthy(wave);
    return this.start(wave, target, "advance", context);
  }

  async rollback(id: string, context: AuditContext & { reason: string }): Promise<WaveView> {
    const wave = await this.wave(id);
    const from =
      wave.direction === "advance" && wave.target && servesFromNew(wave.target) ? wave.target : wave.stage;
    const target = rollbackTarget[from];
    if (!target) throw new WaveStateError(`Wave ${id} cannot be rolled back from ${from}.`);
    return this.start(wave, target, "rollback", context);
  }

  async pause(id: string, context: AuditContext & { reason: string }): Promise<WaveView> {
    const wave = await this.wave(id);
    if (wave.status !== "running") throw new WaveStateError(`Wave ${id} is ${wave.status}, not running.`);
    return this.change(wave, { status: "paused" }, context, "pause");
  }

  async resume(id: string, context: AuditContext & { reason: string }): Promise<WaveView> {
    const wave = await this.wave(id);
    if (wave.status !== "paused") throw new WaveStateError(`Wave ${id} is ${wave.status}, not paused.`);
    const view = await this.change(wave, { status: "running" }, context, "resume");
    this.deps.runner.kick(id);
    return view;
  }

  customers(id: string, pageSize: number, after: string | undefined) {
    return this.wave(id).then(() => this.deps.waves.customers(id, pageSize, after));
  }

  private async start(
    wave: WaveRecord,
    target: MigrationStage,
    direction: "advance" | "rollback",
    context: AuditContext & { reason: string },
  ) {
    const stages = await this.stagesOf(wave);
    const done = stages.filter((stage) => stage === target).length;
    const change: WaveChange = {
      target,
      direction,
      status: "running",
      failure: null,
      progress: { done, total: stages.length, startedAt: this.clock() },
    };
    const view = await this.change(wave, change, context, direction);
    this.deps.runner.kick(wave.id);
    return view;
  }

  private async change(
    wave: WaveRecord,
    change: WaveChange,
    context: AuditContext & { reason: string },
    action: string,
  ) {
    const updated = await this.deps.waves.update(
      wave.id,
      wave.version,
      change,
      this.audit(context, action, wave.id),
    );
    return this.view(updated);
  }

  /** "A wave cannot start while an earlier one is paused or failed." */
  private async assertEarlierWavesHealthy(wave: WaveRecord): Promise<void> {
    const blocking = (await this.deps.waves.list()).filter(
      (other) => other.createdAt < wave.createdAt && (other.status === "paused" || other.status === "failed"),
    );
    if (blocking.length > 0)
      throw new WaveStateError(
        `Wave ${wave.id} cannot start while ${blocking.map((other) => `${other.id} is ${other.status}`).join(", ")}.`,
      );
  }

  private async wave(id: string): Promise<WaveRecord> {
    const found = await this.deps.waves.get(id);
    if (!found) throw new NotFoundError(`There is no wave ${id}.`);
    return found;
  }

  private async view(wave: WaveRecord): Promise<WaveView> {
    return waveView(wave, await this.stagesOf(wave), this.clock());
  }

  private async stagesOf(wave: WaveRecord): Promise<MigrationStage[]> {
    const codes = (await this.deps.waves.allCustomers(wave.id)).map((customer) => customer.customerCode);
    const stages = await this.deps.stages.stagesOf(codes);
    return codes.map((code) => stages.get(code) ?? "off");
  }

  private async memberCodes(cohortId: string): Promise<string[]> {
    const codes: string[] = [];
    let after: string | undefined;
    do {
      const page = await this.deps.cohorts.members(cohortId, 500, after);
      codes.push(...page.items.map((member) => member.customerCode));
      after = page.lastCode;
    } while (after !== undefined);
    return codes;
  }

  private audit(context: AuditContext & { reason: string }, action: string, key: string) {
    return auditDraft(context, { action, entity: "wave", key }, this.clock());
  }
}
