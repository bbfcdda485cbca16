import { z } from "zod";
import { type Role, roleSchema } from "../auth/principal.js";

/** Firebase allows 1–128 characters of anything; ours are Auth's generated ones, so only safe ones pass. */
export const firebaseUidSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, "a user id: 1–128 letters, digits, _ or -");

/** A signed-in account as administrators see it; `role: null` means it may call nothing. */
export interface DirectoryUser {
  uid: string;
  email: string | null;
  role: Role | null;
  disabled: boolean;
  /** ISO 8601; absent for an account that never signed in. */
  lastSignIn?: string;
}

export interface DirectoryPage {
  users: DirectoryUser[];
  /** Auth's own opaque token for the next page; null after the last one. */
  nextPageToken: string | null;
}

/**
 * Port: the accounts of Firebase Auth and their `role` claim. Implemented by
 * FirebaseUserDirectory and, in unit tests, FakeUserDirectory.
 */
export interface UserDirectory {
  /** A page of accounts; a page token that Auth did not give out is a ValidationError. */
  list(pageSize: number, pageToken?: string): Promise<DirectoryPage>;
  get(uid: string): Promise<DirectoryUser | undefined>;
  findByEmail(email: string): Promise<DirectoryUser | undefined>;
  /** Sets (or, with null, removes) the `role` claim and keeps every other claim; unknown uid: NotFoundError. */
  setRole(uid: string, role: Role | null): Promise<DirectoryUser>;
  /** Ends every session: the API refuses ID tokens issued before now. */
  revokeSessions(uid: string): Promise<void>;
}

/** The role a set of custom claims grants; anything but a known role grants none. */
export function roleOfClaims(claims: Record<string, unknown> | undefined): Role | null {
  const parsed = roleSchema.safeParse(claims?.role);
  return parsed.success ? parsed.data : null;
}

/** The claims after setting `role`: the others as they were, `role` replaced or dropped. */
export function claimsWithRole(claims: Record<string, unknown> | undefined, role: Role | null) {
  const { role: _previous, ...others } = claims ?? {};
  return role === null ? others : { ...others, role };
}
