import type pg from "pg";
import { z } from "zod";
import { customerCodeSchema } from "../domain/primitives.js";
import type { Router } from "../http/router.js";
import { buildLegacyImportReport } from "./legacy-import-report.js";
import type { ReferenceReader } from "./legacy-reference-reader.js";
import type { SmsLogReader } from "./sms-log-reader.js";

export interface ReferenceRouteDeps {
  reference: ReferenceReader;
  smsLogs: SmsLogReader;
  /** For the import report, which streams the vendor tables. */
  legacyPool: pg.Pool;
}

const smsQuery = z.strictObject({
  customer: customerCodeSchema,
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function registerReferenceRoutes(router: Router, deps: ReferenceRouteDeps): void {
  router.add({
    method: "GET",
    path: "/v1/products",
    access: "viewer",
    handle: async () => ({ status: 200, body: { items: await deps.reference.products() } }),
  });

  router.add({
    method: "GET",
    path: "/v1/drivers",
    access: "viewer",
    handle: async () => ({ status: 200, body: { items: await deps.reference.drivers() } }),
  });

  router.add({
    method: "GET",
    path: "/v1/sms-logs",
    access: "viewer",
    query: smsQuery,
    handle: async ({ query }) => ({
      status: 200,
      body: { items: await deps.smsLogs.forCustomer(query.customer, query.limit) },
    }),
  });

  router.add({
    method: "GET",
    path: "/v1/import-report",
    access: "admin",
    handle: async () => ({ status: 200, body: await buildLegacyImportReport(deps.legacyPool) }),
  });
}
