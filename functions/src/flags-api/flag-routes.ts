import { z } from "zod";
import type { EvaluationCountReader } from "../flags/evaluation-counts.js";
import { experimentReport } from "../flags/experiment-report.js";
import type { FlagAdminService } from "../flags/flag-admin-service.js";
import { flagDefinitionSchema } from "../flags/flag-model.js";
import type { Router } from "../http/router.js";
import { ValidationError } from "../shared/errors.js";
import { registerFlagShortcutRoutes } from "./flag-shortcut-routes.js";
import {
  adminChange,
  changeView,
  flagKeyParams,
  flagResponse,
  flagView,
  reasonSchema,
} from "./flag-views.js";

export interface FlagRoutesDeps {
  admin: FlagAdminService;
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
  const { admin } = deps;
  router.add({
    method: "GET",
    path: "/v1/flags",
    access: "viewer",
    handle: async () => ({ status: 200, body: { flags: (await admin.list()).map(flagView) } }),
  });

  router.add({
    method: "GET",
    path: "/v1/flags/{key}",
    access: "viewer",
    params: flagKeyParams,
    handle: async ({ params }) => flagResponse(await admin.get(params.key)),
  });

  router.add({
    method: "PUT",
    path: "/v1/flags/{key}",
    access: "admin",
    params: flagKeyParams,
    body: replaceBodySchema,
    precondition: "if-match-or-create",
    handle: async (input) => {
      const stored = await admin.replace(
        await adminChange(admin, input, input.body.reason),
        input.body.definition,
      );
      return flagResponse(stored, stored.version === 1 ? 201 : 200);
    },
  });

  router.add({
    method: "POST",
    path: "/v1/flags/{key}:archive",
    access: "admin",
    params: flagKeyParams,
    body: reasonBodySchema,
    precondition: "if-match",
    handle: async (input) =>
      flagResponse(await admin.archive(await adminChange(admin, input, input.body.reason))),
  });

  router.add({
    method: "POST",
    path: "/v1/flags/{key}:revert",
    access: "admin",
    params: flagKeyParams,
    body: revertBodySchema,
    precondition: "if-match",
    handle: async (input) => {
      const change = await adminChange(admin, input, input.body.reason);
      return flagResponse(await admin.revert(change, input.body.version));
    },
  });

  router.add({
    method: "GET",
    path: "/v1/flags/{key}/history",
    access: "viewer",
    params: flagKeyParams,
    handle: async ({ params }) => {
      await admin.get(params.key);
      return {
        status: 200,
        body: { key: params.key, changes: (await admin.history(params.key)).map(changeView) },
      };
    },
  });

  router.add({
    method: "GET",
    path: "/v1/flags/{key}/experiment",
    access: "viewer",
    params: flagKeyParams,
    query: experimentQuerySchema,
    handle: async ({ params, query }) => {
      const flag = await admin.get(params.key);
      const defaultVariant = flag.definition.defaultVariant;
      const control = query.control ?? (typeof defaultVariant === "string" ? defaultVariant : undefined);
      if (control === undefined) {
        throw new ValidationError("name the control variant", [
          { path: "query.control", message: "required: the flag has no defaultVariant" },
        ]);
      }
      const totals = await deps.counts.totalsFor(flag.key);
      const report = experimentReport(totals, { control, event: query.event, flagVersion: query.version });
      return { status: 200, body: { key: flag.key, ...report } };
    },
  });

  registerFlagShortcutRoutes(router, admin);
}
