import { z } from "zod";
import { customerTypeSchema, migrationStageSchema } from "../domain/customer.js";
import { customerCreateInputSchema, customerPatchInputSchema } from "../domain/customer-input.js";
import { customerCodeSchema } from "../domain/primitives.js";
import { mergePatchMediaTypes } from "../http/request-input.js";
import type { Router } from "../http/router.js";
import type { CustomerService } from "./customer-service.js";

export interface CustomerRouteDeps {
  customers: CustomerService;
}

const codeParams = z.strictObject({ code: customerCodeSchema });

const listQuerySchema = z.strictObject({
  area: z
    .string()
    .regex(/^[A-Z]$/, "area is a route letter, e.g. H")
    .optional(),
  type: customerTypeSchema.optional(),
  stage: migrationStageSchema.optional(),
  q: z.string().trim().min(1).max(40).optional(),
});

export function registerCustomerRoutes(router: Router, { customers }: CustomerRouteDeps): void {
  router.add({
    method: "GET",
    path: "/v1/customers",
    access: "viewer",
    query: listQuerySchema,
    page: { key: customerCodeSchema },
    handle: async ({ query, page }) => {
      const found = await customers.list({ ...query, pageSize: page.size, after: page.after });
      return { status: 200, body: { items: found.items, nextPageToken: page.next(found.lastCode) } };
    },
  });

  router.add({
    method: "GET",
    path: "/v1/customers/{code}",
    access: "viewer",
    params: codeParams,
    handle: async ({ params }) => {
      const found = await customers.get(params.code);
      return { status: 200, body: found.value, headers: { etag: found.etag } };
    },
  });

  router.add({
    method: "POST",
    path: "/v1/customers",
    access: "operator",
    body: customerCreateInputSchema,
    optionalReason: true,
    handle: async ({ body, audit }) => {
      const created = await customers.create(body, audit);
      return {
        status: 201,
        body: created.value,
        headers: { etag: created.etag, location: `/v1/customers/${body.code}` },
      };
    },
  });

  router.add({
    method: "PATCH",
    path: "/v1/customers/{code}",
    access: "operator",
    params: codeParams,
    body: customerPatchInputSchema,
    bodyTypes: mergePatchMediaTypes,
    precondition: "if-match",
    optionalReason: true,
    handle: async ({ params, body, precondition, audit }) => {
      const updated = await customers.patch(params.code, body, precondition, audit);
      return { status: 200, body: updated.value, headers: { etag: updated.etag } };
    },
  });
}
