import { z } from "zod";
import type { Authorizer } from "../auth/principal.js";
import type { EvaluationCountReader } from "../flags/evaluation-counts.js";
import { experimentReport } from "../flags/experiment-report.js";
import type { FlagAdminService } from "../flags/flag-admin-service.js";
import { flagDefinitionSchema } from "../flags/flag-model.js";
import type { Router } from "../http/router.js";
import { ValidationError } from "../shared/errors.js";
import { registerFlagShortcutRoutes } from "./flag-shortcut-routes.js";
import { adminChange, changeView, flagKeyParam, flagResponse, flagView, reasonSchema } from "./flag-views.js";
import { assertNoQuery, authorizeRequest, parseWith } from "./http-support.js";

export interface FlagRoutesDeps {
  admin: FlagAdminService;
  authorizer: Authorizer;
  counts: EvaluationCountReader;
}

const replaceBodySchema = z.strictObject({ definition: flagDefinitionSchema, reason: reasonSchema });
const reasonBodySchema = z.strictObject({ reason: reasonSchema });
const revertBodySchema = z.strictObject({ version: z.int().min(1), reason: reasonSchema });
const experimentQuerySchema = z.strictObject({
  event: z.string().min(1).max(100),
  control: z.string().min(1).max(100).optional(),
  version: z.coerce.number().int().min(1).optional(),
});

/** Flag administration: viewers and operators read, admins change (every change audited). */
export function registerFlagRoutes(router: Router, deps: FlagRoutesDeps): void {
  router.on("GET", "/v1/flags", async (request) => {
    await authorizeRequest(deps.authorizer, request, "viewer");
    assertNoQuery(request);
    return { status: 200, body: { flags: (await deps.admin.list()).map(flagView) } };
  });

  router.on("GET", "/v1/flags/{key}", async (request) => {
    await authorizeRequest(deps.authorizer, request, "viewer");
    assertNoQuery(request);
    return flagResponse(await deps.admin.get(flagKeyParam(request)));
  });

  router.on("PUT", "/v1/flags/{key}", async (request) => {
    const body = parseWith(replaceBodySchema, request.body, "request body");
    const change = await adminChange(deps, request, body.reason, true);
    const stored = await deps.admin.replace(change, body.definition);
    return flagResponse(stored, stored.version === 1 ? 201 : 200);
  });

  router.on("POST", "/v1/flags/{key}:archive", async (request) => {
    const body = parseWith(reasonBodySchema, request.body, "request body");
    return flagResponse(await deps.admin.archive(await adminChange(deps, request, body.reason)));
  });

  router.on("POST", "/v1/flags/{key}:revert", async (request) => {
    const body = parseWith(revertBodySchema, request.body, "request body");
    const change = await adminChange(deps, request, body.reason);
    return flagResponse(await deps.admin.revert(change, body.version));
  });

  router.on("GET", "/v1/flags/{key}/history", async (request) => {
    await authorizeRequest(deps.authorizer, request, "viewer");
    assertNoQuery(request);
    const key = flagKeyParam(request);
    await deps.admin.get(key);
    return { status: 200, body: { key, changes: (await deps.admin.history(key)).map(changeView) } };
  });

  router.on("GET", "/v1/flags/{key}/experiment", async (request) => {
    await authorizeRequest(deps.authorizer, request, "viewer");
    const query = parseWith(experimentQuerySchema, request.query, "query");
    const flag = await deps.admin.get(flagKeyParam(request));
    const defaultVariant = flag.definition.defaultVariant;
    const control = query.control ?? (typeof defaultVariant === "string" ? defaultVariant : undefined);
    if (control === undefined) {
      throw new ValidationError("name the control variant", [
        { path: "control", message: "required: the flag has no defaultVariant" },
      ]);
    }
    const totals = await deps.counts.totalsFor(flag.key);
    const report = experimentReport(totals, { control, event: query.event, flagVersion: query.version });
    return { status: 200, body: { key: flag.key, ...report } };
  });

  registerFlagShortcutRoutes(router, deps);
}
