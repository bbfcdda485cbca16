import type pg from "pg";
import { z } from "zod";
import type { Authorizer } from "../auth/principal.js";
import { requireRole } from "../customers/access.js";
import { parseInput } from "../customers/request-input.js";
import { customerCodeSchema } from "../domain/primitives.js";
import type { Router } from "../http/router.js";
import { buildLegacyImportReport } from "./legacy-import-report.js";
import type { ReferenceReader } from "./legacy-reference-reader.js";
import type { SmsLogReader } from "./sms-log-reader.js";

export interface ReferenceRouteDeps {
  authorizer: Authorizer;
  reference: ReferenceReader;
  smsLogs: SmsLogReader;
  /** For the import report, which streams the vendor tables. */
  legacyPool: pg.Pool;
}

const noQuery = z.strictObject({});
const smsQuery = z.strictObject({
  customer: customerCodeSchema,
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function registerReferenceRoutes(router: Router, deps: ReferenceRouteDeps): void {
  const { authorizer } = deps;

  router.on("GET", "/v1/products", async (request) => {
    await requireRole(authorizer, request, "viewer", false);
    parseInput(noQuery, request.query, "query");
    return { status: 200, body: { items: await deps.reference.products() } };
  });

  router.on("GET", "/v1/drivers", async (request) => {
    await requireRole(authorizer, request, "viewer", false);
    parseInput(noQuery, request.query, "query");
    return { status: 200, body: { items: await deps.reference.drivers() } };
  });

  router.on("GET", "/v1/sms-logs", async (request) => {
    await requireRole(authorizer, request, "viewer", false);
    const query = parseInput(smsQuery, request.query, "query");
    return { status: 200, body: { items: await deps.smsLogs.forCustomer(query.customer, query.limit) } };
  });

  router.on("GET", "/v1/import-report", async (request) => {
    await requireRole(authorizer, request, "admin", false);
    parseInput(noQuery, request.query, "query");
    return { status: 200, body: await buildLegacyImportReport(deps.legacyPool) };
  });
}
