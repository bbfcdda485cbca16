import { z } from "zod";
import { withRollout, withSchedule, withState, withTargetingList, withWeights } from "../flags/flag-edits.js";
import type { FlagDefinition } from "../flags/flag-model.js";
import type { HttpRequest, Router } from "../http/router.js";
import { customerCodeSchema } from "../migration/stage-assignment-store.js";
import type { FlagRoutesDeps } from "./flag-routes.js";
import { adminChange, flagResponse, reasonSchema } from "./flag-views.js";
import { parseWith } from "./http-support.js";

const variantSchema = z.string().min(1).max(100);
const percentSchema = z.int().min(0).max(100);

const killBodySchema = z.strictObject({ reason: reasonSchema });
const rolloutBodySchema = z.strictObject({
  variant: variantSchema,
  percentage: percentSchema,
  reason: reasonSchema,
});
const weightsBodySchema = z.strictObject({
  weights: z
    .record(variantSchema, percentSchema)
    .refine((w) => Object.keys(w).length >= 1, "give at least one variant"),
  reason: reasonSchema,
});
const targetingBodySchema = z
  .strictObject({
    variant: variantSchema,
    add: z.array(customerCodeSchema).max(1000).default([]),
    remove: z.array(customerCodeSchema).max(1000).default([]),
    reason: reasonSchema,
  })
  .refine((body) => body.add.length + body.remove.length > 0, {
    message: "add or remove at least one customer",
    path: ["add"],
  });
const scheduleBodySchema = z.union([
  z.strictObject({
    start: z.iso.datetime({ offset: true }).optional(),
    end: z.iso.datetime({ offset: true }).optional(),
    outsideVariant: variantSchema,
    reason: reasonSchema,
  }),
  z.strictObject({ clear: z.literal(true), reason: reasonSchema }),
]);

type Shortcut<S extends z.ZodType> = (definition: FlagDefinition, body: z.infer<S>) => FlagDefinition;

/** Shortcuts are whole-definition edits at the If-Match version, audited with their reason like any PUT. */
export function registerFlagShortcutRoutes(router: Router, deps: FlagRoutesDeps): void {
  const on = <S extends z.ZodType<{ reason: string }>>(action: string, schema: S, edit: Shortcut<S>) => {
    router.on("POST", `/v1/flags/{key}:${action}`, async (request: HttpRequest) => {
      const body = parseWith(schema, request.body, "request body");
      const change = await adminChange(deps, request, body.reason);
      return flagResponse(await deps.admin.edit(change, (definition) => edit(definition, body)));
    });
  };
  on("kill", killBodySchema, (definition) => withState(definition, "DISABLED"));
  on("enable", killBodySchema, (definition) => withState(definition, "ENABLED"));
  on("rollout", rolloutBodySchema, (definition, body) =>
    withRollout(definition, body.variant, body.percentage),
  );
  on("weights", weightsBodySchema, (definition, body) => withWeights(definition, body.weights));
  on("targeting", targetingBodySchema, (definition, body) =>
    withTargetingList(definition, body.variant, body.add, body.remove),
  );
  on("schedule", scheduleBodySchema, (definition, body) =>
    "clear" in body
      ? withSchedule(definition, null)
      : withSchedule(definition, {
          start: body.start === undefined ? undefined : new Date(body.start),
          end: body.end === undefined ? undefined : new Date(body.end),
          outsideVariant: body.outsideVariant,
        }),
  );
}
