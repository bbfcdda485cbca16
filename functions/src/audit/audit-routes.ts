import { z } from "zod";
import type { Router } from "../http/router.js";
import { type AuditCursor, type AuditLog, auditEntitySchema } from "./audit-log.js";

export interface AuditRouteDeps {
  audit: AuditLog;
}

const auditQuery = z
  .strictObject({
    entity: auditEntitySchema.optional(),
    key: z
      .string()
      .regex(/^[A-Za-z0-9_:-]{1,200}$/)
      .optional(),
    /** The uid of whoever made the change. */
    actor: z
      .string()
      .regex(/^[A-Za-z0-9_:@.-]{1,128}$/)
      .optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((query) => !query.from || !query.to || query.from < query.to, {
    message: "from must be before to",
    path: ["to"],
  });

/** A page ends at an entry: `<ISO time>|<entry id>`, signed by the kit like every page token. */
const cursorSchema = z.string().regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z\|[A-Za-z0-9-]{1,64}$/);
const encodeCursor = (cursor: AuditCursor | undefined) =>
  cursor && `${cursor.when.toISOString()}|${cursor.id}`;
function decodeCursor(text: string | undefined): AuditCursor | undefined {
  if (text === undefined) return undefined;
  const [when = "", id = ""] = text.split("|");
  return { when: new Date(when), id };
}

/** Who changed what: admins only, since entries hold whole records before and after. */
export function registerAuditRoutes(router: Router, deps: AuditRouteDeps): void {
  router.add({
    method: "GET",
    path: "/v1/audit",
    access: "admin",
    query: auditQuery,
    page: { key: cursorSchema },
    handle: async ({ query, page }) => {
      const found = await deps.audit.list({
        ...query,
        from: query.from === undefined ? undefined : new Date(query.from),
        to: query.to === undefined ? undefined : new Date(query.to),
        pageSize: page.size,
        after: decodeCursor(page.after),
      });
      return {
        status: 200,
        body: {
          items: found.items.map((entry) => ({ ...entry, when: entry.when.toISOString() })),
          nextPageToken: page.next(encodeCursor(found.last)),
        },
      };
    },
  });
}
