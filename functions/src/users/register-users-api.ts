import type { Auth } from "firebase-admin/auth";
import type { Firestore } from "firebase-admin/firestore";
import { FirestoreAuditLog } from "../audit/firestore-audit-log.js";
import type { Router } from "../http/router.js";
import { FirebaseUserDirectory } from "./firebase-user-directory.js";
import { UserRoleService } from "./user-role-service.js";
import { registerUserRoutes } from "./user-routes.js";

export interface UsersApiDeps {
  /** The Auth of the project whose users sign in (FIREBASE_AUTH_PROJECT, else the function's own). */
  auth: Auth;
  db: Firestore;
}

/** The users feature of the api: GET /v1/me, GET /v1/users, PUT /v1/users/{uid}/role. */
export function registerUsersApi(router: Router, { auth, db }: UsersApiDeps): void {
  const users = new FirebaseUserDirectory(auth);
  const roles = new UserRoleService({ users, audit: new FirestoreAuditLog(db) });
  registerUserRoutes(router, { roles, users });
}
