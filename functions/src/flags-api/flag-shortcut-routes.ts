import { z } from "zod";
import { customerCodeSchema } from "../domain/primitives.js";
import type { FlagAdminService } from "../flags/flag-admin-service.js";
import { withRollout, withSchedule, withState, withTargetingList, withWeights } from "../flags/flag-edits.js";
import type { FlagDefinition } from "../flags/flag-model.js";
import type { Router } from "../http/router.js";
import { adminChange, flagKeyParams, flagResponse, reasonSchema } from "./flag-views.js";

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

type Shortcut<T> = (definition: FlagDefinition, body: T) => FlagDefinition;

/** Shortcuts are whole-definition edits at the If-Match version, audited with their reason like any PUT. */
export function registerFlagShortcutRoutes(router: Router, admin: FlagAdminService): void {
  const on = <T extends { reason: string }>(action: string, schema: z.ZodType<T>, edit: Shortcut<T>) => {
    router.add({
      method: "POST",
      path: `/v1/flags/{key}:${action}`,
      access: "admin",
      params: flagKeyParams,
      body: schema,
      precondition: "if-match",
      handle: async (input) => {
        const change = await adminChange(admin, input, input.body.reason);
        return flagResponse(await admin.edit(change, (definition) => edit(definition, input.body)));
      },
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
