import { z } from "zod";
import type { Router } from "../http/router.js";
import { type AuditLog, auditEntitySchema } from "./audit-log.js";

export interface AuditRouteDeps {
  audit: AuditLog;
}

const auditQuery = z.strictObject({
  entity: auditEntitySchema.optional(),
  key: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Who changed what: admins only, since entries hold whole records before and after. */
export function registerAuditRoutes(router: Router, deps: AuditRouteDeps): void {
  router.add({
    method: "GET",
    path: "/v1/audit",
    access: "admin",
    query: auditQuery,
    handle: async ({ query }) => {
      const entries = await deps.audit.list(query);
      return {
        status: 200,
        body: { items: entries.map((entry) => ({ ...entry, when: entry.when.toISOString() })) },
      };
    },
  });
}
