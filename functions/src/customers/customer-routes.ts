import { z } from "zod";
import type { Authorizer } from "../auth/principal.js";
import { customerTypeSchema, migrationStageSchema } from "../domain/customer.js";
import { customerCreateInputSchema, customerPatchInputSchema } from "../domain/customer-input.js";
import { customerCodeSchema } from "../domain/primitives.js";
import type { Router } from "../http/router.js";
import { requireRole } from "./access.js";
import type { CustomerService } from "./customer-service.js";
import { requireIfMatch } from "./etag.js";
import { encodePageToken, pageSizeSchema, pageTokenSchema } from "./page-token.js";
import { parseInput, parseJsonBody, parseMergePatchBody } from "./request-input.js";

export interface CustomerRouteDeps {
  authorizer: Authorizer;
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
  pageSize: pageSizeSchema,
  pageToken: pageTokenSchema(customerCodeSchema).optional(),
});

export function registerCustomerRoutes(router: Router, deps: CustomerRouteDeps): void {
  const { authorizer, customers } = deps;

  router.on("GET", "/v1/customers", async (request) => {
    await requireRole(authorizer, request, "viewer", false);
    const { pageToken, ...query } = parseInput(listQuerySchema, request.query, "query");
    const page = await customers.list({ ...query, after: pageToken });
    return { status: 200, body: { items: page.items, nextPageToken: encodePageToken(page.lastCode) } };
  });

  router.on("GET", "/v1/customers/{code}", async (request) => {
    await requireRole(authorizer, request, "viewer", false);
    const { code } = parseInput(codeParams, request.params, "path");
    const found = await customers.get(code);
    return { status: 200, body: found.value, headers: { etag: found.etag } };
  });

  router.on("POST", "/v1/customers", async (request) => {
    const principal = await requireRole(authorizer, request, "operator", true);
    const input = parseJsonBody(customerCreateInputSchema, request);
    const created = await customers.create(input, { principal, correlationId: request.correlationId });
    return {
      status: 201,
      body: created.value,
      headers: { etag: created.etag, location: `/v1/customers/${input.code}` },
    };
  });

  router.on("PATCH", "/v1/customers/{code}", async (request) => {
    const principal = await requireRole(authorizer, request, "operator", true);
    const { code } = parseInput(codeParams, request.params, "path");
    const patch = parseMergePatchBody(customerPatchInputSchema, request);
    const ifMatch = requireIfMatch(request.headers["if-match"]);
    const updated = await customers.patch(code, patch, ifMatch, {
      principal,
      correlationId: request.correlationId,
    });
    return { status: 200, body: updated.value, headers: { etag: updated.etag } };
  });
}
