import { randomUUID } from "node:crypto";
import type { BackfillService } from "../backfill/backfill-service.js";
import type { MigrationStage } from "../domain/customer.js";
import type { CustomerStageService } from "../migration/customer-stage-service.js";
import type { StageAssignmentStore } from "../migration/stage-assignment-store.js";
import type { Logger } from "../shared/logger.js";
import { WaveVersionConflictError } from "./wave-errors.js";
import { checkGates, type WaveGate } from "./wave-gates.js";
import type { WaveCustomer, WaveRecord } from "./wave-record.js";
import type { WaveChange, WaveStore } from "./wave-store.js";

export interface WaveRunnerDeps {
  waves: WaveStore;
  /** The stage service WITHOUT levelling: the runner copies through `backfill` itself. */
  stages: CustomerStageService;
  assignments: StageAssignmentStore;
  backfill: BackfillService;
  gates: readonly WaveGate[];
  logger: Logger;
  /** How long a runner holds a wave before another instance may take over (renewed per customer). */
  leaseMs?: number;
  now?: () => Date;
}

/**
 * Carries out a wave's step in the background of the instance that accepted it, one customer at a
 * time, under a lease in `waveLeases/{id}`: an instance that dies mid-step lets the next reader of
 * the wave (GET, or another step request) start a runner that carries on where it stopped, since
 * every move is idempotent (the backfill resumes per customer; a customer already at the target is
 * skipped). Pausing is seen between customers.
 */
export class WaveRunner {
  private readonly holder = `runner-${randomUUID()}`;
  private readonly leaseMs: number;
  private readonly now: () => Date;

  constructor(private readonly deps: WaveRunnerDeps) {
    this.leaseMs = deps.leaseMs ?? 60_000;
    this.now = deps.now ?? (() => new Date());
  }

  /** Starts the step in the background; errors are logged and leave the wave failed. */
  kick(id: string): void {
    void this.run(id).catch((error: unknown) =>
      this.deps.logger.log("ERROR", "wave runner stopped", { wave: id, error: String(error) }),
    );
  }

  async run(id: string): Promise<void> {
    if (!(await this.renew(id))) return;
    try {
      // A step changed while this one ran (a rollback of a running advance) is run next, here.
      for (let steps = 0; steps < 10; steps += 1) {
        const started = await this.deps.waves.get(id);
        await this.step(id);
        const now = await this.deps.waves.get(id);
        if (
          now?.status !== "running" ||
          (now.target === started?.target && now.direction === started?.direction)
        )
          break;
      }
    } catch (error) {
      await this.patch(id, {
        status: "failed",
        failure: `runner error: ${error instanceof Error ? error.message : String(error)}`,
      });
      throw error;
    } finally {
      await this.deps.waves.release(id, this.holder);
    }
  }

  private renew(id: string): Promise<boolean> {
    const now = this.now().getTime();
    return this.deps.waves.lease(id, this.holder, now + this.leaseMs, now);
  }

  private async step(id: string): Promise<void> {
    const wave = await this.deps.waves.get(id);
    if (wave?.status !== "running" || !wave.target || !wave.direction) return;
    const customers = await this.deps.waves.allCustomers(id);
    const codes = customers.map((customer) => customer.customerCode).sort();
    if (wave.direction === "advance" && !(await this.gatesPass(wave, codes))) return;
    const failed =
      wave.target === "dualwrite" && wave.direction === "advance"
        ? await this.backfill(wave, codes)
        : await this.moveEach(wave, codes);
    if (await this.interrupted(wave)) return;
    if (failed.length > 0) {
      await this.patch(id, {
        status: "failed",
        failure: `${failed.length} customer(s) could not move to ${wave.target}: ${failed.slice(0, 5).join("; ")}`,
      });
      return;
    }
    await this.patch(id, {
      stage: wave.target,
      target: null,
      direction: null,
      status: "idle",
      failure: null,
    });
  }

  private async gatesPass(wave: WaveRecord, codes: string[]): Promise<boolean> {
    const gates = await checkGates(this.deps.gates, {
      customerCodes: codes,
      from: wave.stage,
      to: wave.target ?? wave.stage,
      now: this.now(),
    });
    const failing = gates.filter((gate) => !gate.passed);
    const change: WaveChange =
      failing.length === 0
        ? { gates }
        : {
            gates,
            status: "failed",
            failure: `gates: ${failing.map((gate) => `${gate.gate}: ${gate.detail}`).join("; ")}`,
          };
    await this.patch(wave.id, change);
    return failing.length === 0;
  }

  /** Entering dualwrite: the backfill copies each customer and turns its sync on; failures are recorded. */
  private async backfill(wave: WaveRecord, codes: string[]): Promise<string[]> {
    const outcome = await this.deps.backfill.run(
      `${wave.id}-dualwrite`,
      codes,
      (code) => this.moveOne(code, "dualwrite", "advance", wave.reason),
      () => this.interrupted(wave),
    );
    const failed = new Map(outcome.notTurnedOn.map((entry) => [entry.customerCode, entry.reason]));
    await this.record(wave.id, codes, "dualwrite", failed);
    return [...failed].map(([code, reason]) => `${code}: ${reason}`);
  }

  private async moveEach(wave: WaveRecord, codes: string[]): Promise<string[]> {
    const target = wave.target as MigrationStage;
    const failed = new Map<string, string>();
    for (const code of codes) {
      if (await this.interrupted(wave)) break;
      await this.renew(wave.id);
      try {
        await this.moveOne(code, target, wave.direction ?? "advance", wave.reason);
      } catch (error) {
        failed.set(code, error instanceof Error ? error.message : String(error));
      }
      await this.record(wave.id, [code], target, failed);
    }
    return [...failed].map(([code, reason]) => `${code}: ${reason}`);
  }

  /** One customer to `target`, unless it is there already (a step carried on after a restart). */
  private async moveOne(
    code: string,
    target: MigrationStage,
    direction: "advance" | "rollback",
    reason: string,
  ): Promise<void> {
    const current = (await this.deps.assignments.get(code))?.stage ?? "off";
    if (current === target) return;
    const request = { customerCode: code, to: target, actor: `wave:${this.holder}`, reason };
    if (direction === "advance") await this.deps.stages.advance(request);
    else await this.deps.stages.rollback(request);
  }

  private async record(
    id: string,
    codes: readonly string[],
    target: MigrationStage,
    failed: ReadonlyMap<string, string>,
  ) {
    const updatedAt = this.now();
    const customers: WaveCustomer[] = [];
    for (const code of codes) {
      const stage = (await this.deps.assignments.get(code))?.stage ?? "off";
      const detail = failed.get(code) ?? null;
      customers.push({
        customerCode: code,
        stage,
        outcome: detail ? "failed" : stage === target ? "moved" : "pending",
        detail,
        updatedAt,
      });
    }
    await this.deps.waves.recordCustomers(id, customers);
  }

  /** Paused, or given another step (a rollback of this advance): stop between customers. */
  private async interrupted(wave: WaveRecord): Promise<boolean> {
    const now = await this.deps.waves.get(wave.id);
    return now?.status !== "running" || now.target !== wave.target || now.direction !== wave.direction;
  }

  /** Applies a change at whatever version the wave has now (the runner's changes never need a person's). */
  private async patch(id: string, change: WaveChange): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = await this.deps.waves.get(id);
      if (!current) return;
      try {
        await this.deps.waves.update(id, current.version, change);
        return;
      } catch (error) {
        if (!(error instanceof WaveVersionConflictError)) throw error;
      }
    }
  }
}
