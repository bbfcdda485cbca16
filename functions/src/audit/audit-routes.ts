import { z } from "zod";
import type { Authorizer } from "../auth/principal.js";
import { requireRole } from "../customers/access.js";
import { parseInput } from "../customers/request-input.js";
import type { Router } from "../http/router.js";
import { type AuditLog, auditEntitySchema } from "./audit-log.js";

export interface AuditRouteDeps {
  authorizer: Authorizer;
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
  router.on("GET", "/v1/audit", async (request) => {
    await requireRole(deps.authorizer, request, "admin", false);
    const query = parseInput(auditQuery, request.query, "query");
    const entries = await deps.audit.list(query);
    return {
      status: 200,
      body: { items: entries.map((entry) => ({ ...entry, when: entry.when.toISOString() })) },
    };
  });
}
