import type { Role } from "../auth/principal.js";
import { NotFoundError, ValidationError } from "../shared/errors.js";
import {
  claimsWithRole,
  type DirectoryPage,
  type DirectoryUser,
  roleOfClaims,
  type UserDirectory,
} from "./user-directory.js";

export interface FakeAccount {
  uid: string;
  email?: string;
  disabled?: boolean;
  lastSignIn?: string;
  claims?: Record<string, unknown>;
}

/**
 * In-memory UserDirectory for unit tests: accounts in uid order, page tokens that name the last uid
 * of the page (opaque to callers, like Auth's), and a log of the revoked sessions.
 */
export class FakeUserDirectory implements UserDirectory {
  private readonly accounts = new Map<string, FakeAccount>();
  readonly revokedUids: string[] = [];

  constructor(accounts: FakeAccount[] = []) {
    for (const account of accounts) this.add(account);
  }

  add(account: FakeAccount): void {
    this.accounts.set(account.uid, { ...account, claims: { ...account.claims } });
  }

  /** Every claim of an account, `role` and the others, as Auth would hold them. */
  claimsOf(uid: string): Record<string, unknown> | undefined {
    return this.accounts.get(uid)?.claims;
  }

  async list(pageSize: number, pageToken?: string): Promise<DirectoryPage> {
    // Code-point order, the order the `>` below pages in.
    const sorted = [...this.accounts.values()].sort((a, b) => (a.uid < b.uid ? -1 : 1));
    const after = pageToken === undefined ? undefined : Buffer.from(pageToken, "base64url").toString("utf8");
    if (after !== undefined && !this.accounts.has(after)) {
      throw new ValidationError("The page token is not one this listing gave out.", [
        { path: "query.pageToken", message: "not a page token of this listing" },
      ]);
    }
    const rest = after === undefined ? sorted : sorted.filter((account) => account.uid > after);
    const page = rest.slice(0, pageSize);
    const last = page.at(-1);
    const more = rest.length > pageSize && last !== undefined;
    return {
      users: page.map(toDirectoryUser),
      nextPageToken: more ? Buffer.from(last.uid, "utf8").toString("base64url") : null,
    };
  }

  async get(uid: string): Promise<DirectoryUser | undefined> {
    const account = this.accounts.get(uid);
    return account && toDirectoryUser(account);
  }

  async findByEmail(email: string): Promise<DirectoryUser | undefined> {
    const account = [...this.accounts.values()].find((candidate) => candidate.email === email);
    return account && toDirectoryUser(account);
  }

  async setRole(uid: string, role: Role | null): Promise<DirectoryUser> {
    const account = this.accounts.get(uid);
    if (!account) throw new NotFoundError(`No user ${uid}.`);
    account.claims = claimsWithRole(account.claims, role);
    return toDirectoryUser(account);
  }

  async revokeSessions(uid: string): Promise<void> {
    this.revokedUids.push(uid);
  }
}

function toDirectoryUser(account: FakeAccount): DirectoryUser {
  return {
    uid: account.uid,
    email: account.email ?? null,
    role: roleOfClaims(account.claims),
    disabled: account.disabled ?? false,
    ...(account.lastSignIn ? { lastSignIn: account.lastSignIn } : {}),
  };
}
