import { z } from "zod";
import type { Authorizer } from "../auth/principal.js";
import type { Router } from "../http/router.js";
import type { CustomerStageService } from "../migration/customer-stage-service.js";
import type { MigrationAuditLog } from "../migration/migration-audit-log.js";
import type { MigrationFlagPort } from "../migration/migration-ports.js";
import { migrationStageSchema, routeForStage } from "../migration/migration-stage.js";
import {
  customerCodeSchema,
  type StageAssignment,
  type StageAssignmentStore,
} from "../migration/stage-assignment-store.js";
import { reasonSchema } from "./flag-views.js";
import { actorOf, assertNoQuery, authorizeRequest, parseWith } from "./http-support.js";

export interface MigrationRoutesDeps {
  stages: CustomerStageService;
  assignments: StageAssignmentStore;
  audit: MigrationAuditLog;
  flag: MigrationFlagPort;
  authorizer: Authorizer;
}

const changeBodySchema = z.strictObject({ to: migrationStageSchema, reason: reasonSchema });

function assignmentView(assignment: StageAssignment | undefined) {
  return assignment === undefined ? null : { ...assignment, updatedAt: assignment.updatedAt.toISOString() };
}

/**
 * Per-customer migration stage: anyone signed in reads it; only admins advance or roll back, and
 * the service checks verification (before live) and drains (before leaving live) and audits each move.
 */
export function registerMigrationRoutes(router: Router, deps: MigrationRoutesDeps): void {
  router.on("GET", "/v1/migration/customers/{code}", async (request) => {
    await authorizeRequest(deps.authorizer, request, "viewer");
    assertNoQuery(request);
    const code = parseWith(customerCodeSchema, request.params.code, "customer code");
    // Read-only: reports the persisted assignment and what the flag would say, without moving anyone.
    const [assignment, flag, history] = await Promise.all([
      deps.assignments.get(code),
      deps.flag.stageFor(code),
      deps.audit.listFor(code),
    ]);
    const stage = assignment?.stage ?? "off";
    return {
      status: 200,
      body: {
        customerCode: code,
        stage,
        route: routeForStage(stage),
        assignment: assignmentView(assignment),
        flag,
        history: history.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
      },
    };
  });

  for (const action of ["advance", "rollback"] as const) {
    router.on("POST", `/v1/migration/customers/{code}:${action}`, async (request) => {
      const principal = await authorizeRequest(deps.authorizer, request, "admin");
      const code = parseWith(customerCodeSchema, request.params.code, "customer code");
      const body = parseWith(changeBodySchema, request.body, "request body");
      const change = { customerCode: code, to: body.to, actor: actorOf(principal), reason: body.reason };
      const saved =
        action === "advance" ? await deps.stages.advance(change) : await deps.stages.rollback(change);
      return {
        status: 200,
        body: { customerCode: code, stage: saved.stage, assignment: assignmentView(saved) },
      };
    });
  }
}
