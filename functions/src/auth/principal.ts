import { z } from "zod";
import { ForbiddenError, UnauthenticatedError } from "../shared/errors.js";
import type { AccountStatusReader } from "./account-status.js";

/** Roles come from the `role` custom claim. Each role includes the ones below it. */
export const roleSchema = z.enum(["viewer", "operator", "admin"]);
export type Role = z.infer<typeof roleSchema>;
const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Whether `role` includes everything `required` may do. */
export function roleIncludes(role: Role, required: Role): boolean {
  return rank[role] >= rank[required];
}

export interface Principal {
  uid: string;
  email?: string;
  role: Role;
}

export interface VerifiedClaims {
  uid: string;
  email?: string;
  role?: unknown;
  /** When the user signed in (seconds since the epoch): a revocation after it ends the session. */
  authTime?: number;
}

/** Verifies a Firebase ID token; implemented by firebase-admin and, in unit tests, a fake. */
export interface TokenVerifier {
  /** `checkRevoked`: ask Auth whether the session was revoked or the account disabled (a round trip). */
  verify(idToken: string, checkRevoked: boolean): Promise<VerifiedClaims>;
}

export interface AccessRequirement {
  role: Role;
  /**
   * Writes ask Auth on every request; reads use the account status cached for at most a minute,
   * so a revoked or disabled account stops reading within a minute without a round trip per read.
   */
  write: boolean;
}

/**
 * Authenticates the `Authorization: Bearer <ID token>` header and checks the role:
 * no or bad token, a revoked session or a disabled account → UnauthenticatedError (401),
 * too low a role → ForbiddenError (403).
 */
export class Authorizer {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly accounts: AccountStatusReader,
  ) {}

  async authorize(authorization: string | undefined, requirement: AccessRequirement): Promise<Principal> {
    const claims = await this.authenticate(authorization, requirement.write);
    const role = roleSchema.safeParse(claims.role);
    if (!role.success) throw new ForbiddenError("Your account has no role; ask an administrator for one.");
    if (!roleIncludes(role.data, requirement.role)) {
      throw new ForbiddenError(`This needs the ${requirement.role} role; you are ${role.data}.`);
    }
    return { uid: claims.uid, email: claims.email, role: role.data };
  }

  private async authenticate(authorization: string | undefined, write: boolean): Promise<VerifiedClaims> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    if (!token)
      throw new UnauthenticatedError("Send a Firebase ID token as `Authorization: Bearer <token>`.");
    let claims: VerifiedClaims;
    try {
      claims = await this.verifier.verify(token, write);
    } catch {
      throw new UnauthenticatedError("The ID token is invalid, expired or revoked.");
    }
    if (!write && !(await this.accounts.isActive(claims.uid, claims.authTime))) {
      throw new UnauthenticatedError("The ID token is invalid, expired or revoked.");
    }
    return claims;
  }
}
