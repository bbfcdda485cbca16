import type { Auth, UserRecord } from "firebase-admin/auth";
import type { Role } from "../auth/principal.js";
import { NotFoundError, ValidationError } from "../shared/errors.js";
import {
  claimsWithRole,
  type DirectoryPage,
  type DirectoryUser,
  roleOfClaims,
  type UserDirectory,
} from "./user-directory.js";

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | undefined)?.code;
}

/** undefined for a missing account; every other failure is rethrown. */
async function orUndefined(lookup: Promise<UserRecord>): Promise<UserRecord | undefined> {
  try {
    return await lookup;
  } catch (error) {
    if (codeOf(error) === "auth/user-not-found") return undefined;
    throw error;
  }
}

function toDirectoryUser(user: UserRecord, role = roleOfClaims(user.customClaims)): DirectoryUser {
  const signedIn = user.metadata.lastSignInTime ? new Date(user.metadata.lastSignInTime) : undefined;
  return {
    uid: user.uid,
    email: user.email ?? null,
    role,
    disabled: user.disabled,
    ...(signedIn && !Number.isNaN(signedIn.getTime()) ? { lastSignIn: signedIn.toISOString() } : {}),
  };
}

/** UserDirectory on firebase-admin Auth; the Auth emulator when FIREBASE_AUTH_EMULATOR_HOST is set. */
export class FirebaseUserDirectory implements UserDirectory {
  constructor(private readonly auth: Auth) {}

  async list(pageSize: number, pageToken?: string): Promise<DirectoryPage> {
    try {
      const page = await this.auth.listUsers(pageSize, pageToken);
      return {
        users: page.users.map((user) => toDirectoryUser(user)),
        nextPageToken: page.pageToken ?? null,
      };
    } catch (error) {
      if (codeOf(error) !== "auth/invalid-page-token") throw error;
      throw new ValidationError("The page token is not one this listing gave out.", [
        { path: "query.pageToken", message: "not a page token of this listing; start again without it" },
      ]);
    }
  }

  async get(uid: string): Promise<DirectoryUser | undefined> {
    const user = await orUndefined(this.auth.getUser(uid));
    return user && toDirectoryUser(user);
  }

  async findByEmail(email: string): Promise<DirectoryUser | undefined> {
    const user = await orUndefined(this.auth.getUserByEmail(email));
    return user && toDirectoryUser(user);
  }

  /**
   * Read, merge, write: Auth replaces the whole claim set and has no transactions, so a claim
   * another writer sets between the read and the write is lost. Only this class and the local
   * demo seeding write claims, both only `role`, so that cannot drop anything today.
   */
  async setRole(uid: string, role: Role | null): Promise<DirectoryUser> {
    const user = await orUndefined(this.auth.getUser(uid));
    if (!user) throw new NotFoundError(`No user ${uid}.`);
    const claims = claimsWithRole(user.customClaims, role);
    await this.auth.setCustomUserClaims(uid, Object.keys(claims).length === 0 ? null : claims);
    return toDirectoryUser(user, role);
  }

  async revokeSessions(uid: string): Promise<void> {
    await this.auth.revokeRefreshTokens(uid);
  }
}
