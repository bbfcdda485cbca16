import { z } from "zod";
import { migrationStageSchema } from "../domain/customer.js";
import { customerCodeSchema } from "../domain/primitives.js";
import type { Router } from "../http/router.js";
import type { CustomerStageService } from "../migration/customer-stage-service.js";
import type { MigrationAuditLog } from "../migration/migration-audit-log.js";
import type { MigrationFlagPort } from "../migration/migration-ports.js";
import { routeForStage } from "../migration/migration-stage.js";
import type { StageAssignment, StageAssignmentStore } from "../migration/stage-assignment-store.js";
import { actorOf } from "../shared/actor.js";
import { reasonSchema } from "./flag-views.js";

export interface MigrationRoutesDeps {
  stages: CustomerStageService;
  assignments: StageAssignmentStore;
  audit: MigrationAuditLog;
  flag: MigrationFlagPort;
}

const changeBodySchema = z.strictObject({ to: migrationStageSchema, reason: reasonSchema });
const codeParams = z.strictObject({ code: customerCodeSchema });

function assignmentView(assignment: StageAssignment | undefined) {
  return assignment === undefined ? null : { ...assignment, updatedAt: assignment.updatedAt.toISOString() };
}

/**
 * Per-customer migration stage: anyone signed in reads it; only admins advance or roll back, and
 * the service checks verification (before live) and drains (before leaving live) and audits each move.
 */
export function registerMigrationRoutes(router: Router, deps: MigrationRoutesDeps): void {
  router.add({
    method: "GET",
    path: "/v1/migration/customers/{code}",
    access: "viewer",
    params: codeParams,
    handle: async ({ params }) => {
      const code = params.code;
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
    },
  });

  for (const action of ["advance", "rollback"] as const) {
    router.add({
      method: "POST",
      path: `/v1/migration/customers/{code}:${action}`,
      access: "admin",
      params: codeParams,
      body: changeBodySchema,
      handle: async ({ params, body, principal, audit }) => {
        const code = params.code;
        const change = {
          customerCode: code,
          to: body.to,
          actor: actorOf(principal),
          reason: body.reason,
          audit,
        };
        const saved =
          action === "advance" ? await deps.stages.advance(change) : await deps.stages.rollback(change);
        return {
          status: 200,
          body: { customerCode: code, stage: saved.stage, assignment: assignmentView(saved) },
        };
      },
    });
  }
}
