import { z } from "zod";
import { reasonSchema } from "../audit/audit-log.js";
import { roleSchema } from "../auth/principal.js";
import { pageSizeSchema } from "../http/page-token.js";
import type { Router } from "../http/router.js";
import { firebaseUidSchema, type UserDirectory } from "./user-directory.js";
import type { UserRoleService } from "./user-role-service.js";

export interface UserRouteDeps {
  roles: UserRoleService;
  users: UserDirectory;
}

const uidParams = z.strictObject({ uid: firebaseUidSchema });

/**
 * Not the kit's `page` option: Auth pages by its own token, which is opaque and unguessable
 * already, so it is passed through rather than signed again.
 */
const listQuerySchema = z.strictObject({
  pageSize: pageSizeSchema,
  pageToken: z.string().min(1).max(1024).optional(),
});

const setRoleBodySchema = z.strictObject({
  /** Required, so that removing a role is said out loud (null) rather than left out by mistake. */
  role: roleSchema.nullable(),
  reason: reasonSchema,
});

/** GET /v1/me (everyone signed in), GET /v1/users and PUT /v1/users/{uid}/role (admins). */
export function registerUserRoutes(router: Router, { roles, users }: UserRouteDeps): void {
  router.add({
    method: "GET",
    path: "/v1/me",
    access: "viewer",
    handle: async ({ principal }) => ({
      status: 200,
      body: { uid: principal.uid, email: principal.email ?? null, role: principal.role },
    }),
  });

  router.add({
    method: "GET",
    path: "/v1/users",
    access: "admin",
    query: listQuerySchema,
    handle: async ({ query }) => {
      const page = await users.list(query.pageSize, query.pageToken);
      return { status: 200, body: { items: page.users, nextPageToken: page.nextPageToken } };
    },
  });

  router.add({
    method: "PUT",
    path: "/v1/users/{uid}/role",
    access: "admin",
    params: uidParams,
    body: setRoleBodySchema,
    handle: async ({ params, body, principal, request }) => {
      const updated = await roles.setRole({
        uid: params.uid,
        role: body.role,
        reason: body.reason,
        by: principal,
        correlationId: request.correlationId,
      });
      return { status: 200, body: updated };
    },
  });
}
