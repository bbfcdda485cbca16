import type { Client } from "@openfeature/server-sdk";
import { migrationStageSchema } from "../domain/customer.js";
import type { FlagStageDecision, MigrationFlagPort } from "./migration-ports.js";

export const migrationFlagKey = "migration-stage";

/**
 * MigrationFlagPort over an OpenFeature client: evaluates the migration flag with the customer
 * code as targeting key. Any error or unknown variant means `off` (legacy stays the truth).
 */
export class OpenFeatureMigrationFlag implements MigrationFlagPort {
  constructor(
    private readonly client: Client,
    private readonly flagKey = migrationFlagKey,
  ) {}

  async stageFor(customerCode: string): Promise<FlagStageDecision> {
    const details = await this.client.getStringDetails(this.flagKey, "off", { targetingKey: customerCode });
    const stage = migrationStageSchema.safeParse(details.value);
    const version = details.flagMetadata.flagVersion;
    return {
      stage: stage.success ? stage.data : "off",
      decidedBy: `flag:${this.flagKey}@v${typeof version === "number" ? version : "?"}`,
    };
  }
}
