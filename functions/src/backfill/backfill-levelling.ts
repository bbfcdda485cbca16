import { randomUUID } from "node:crypto";
import type { LevellingPort } from "../migration/migration-ports.js";
import type { BackfillService } from "./backfill-service.js";

/** The stage service's levelling port: the backfill (one run per call, `level-…`) and the reverse backfill. */
export class BackfillLevelling implements LevellingPort {
  constructor(
    private readonly backfill: BackfillService,
    private readonly reverse: (customerCode: string) => Promise<unknown>,
  ) {}

  async levelLegacySide(customerCode: string): Promise<void> {
    await this.reverse(customerCode);
  }

  async levelNewSide(customerCodes: readonly string[], turnOn: (customerCode: string) => Promise<void>) {
    const outcome = await this.backfill.run(`level-${randomUUID()}`, customerCodes, turnOn);
    return { notTurnedOn: outcome.notTurnedOn };
  }
}
