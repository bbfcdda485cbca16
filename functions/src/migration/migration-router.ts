import type { MigrationStage } from "../domain/customer.js";
import { customerCodeSchema } from "../domain/primitives.js";
import type { CustomerStageService } from "./customer-stage-service.js";
import { routeForStage, type StageRoute } from "./migration-stage.js";

export interface CustomerRoute extends StageRoute {
  customerCode: string;
  stage: MigrationStage;
}

/** What the REST API asks before touching a customer's data: where to read, compare and write. */
export class MigrationRouter {
  constructor(private readonly stages: CustomerStageService) {}

  async routeFor(customerCode: string): Promise<CustomerRoute> {
    const code = customerCodeSchema.parse(customerCode);
    const stage = await this.stages.currentStage(code);
    return { customerCode: code, stage, ...routeForStage(stage) };
  }
}
