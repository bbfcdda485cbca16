import { z } from "zod";
import { ForbiddenError, UnauthenticatedError } from "../shared/errors.js";

/** Roles come from the `role` custom claim. Each role includes the ones below it. */
export const roleSchema = z.enum(["viewer", "operator", "admin"]);
export type Role = z.infer<typeof roleSchema>;
const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export interface Principal {
  uid: string;
  email?: string;
  role: Role;
}

/** Verifies a Firebase ID token; implemented by firebase-admin and, in unit tests, a fake. */
export interface TokenVerifier {
  /** `checkRevoked` is set for writes: a revoked session must not change data. */
  verify(idToken: string, checkRevoked: boolean): Promise<{ uid: string; email?: string; role?: unknown }>;
}

export interface AccessRequirement {
  role: Role;
  /** Writes check revocation; reads skip the extra round trip. */
  write: boolean;
}

/**
 * Authenticates the `Authorization: Bearer <ID token>` header and checks the role:
 * no or bad token → UnauthenticatedError (401), too low a role → ForbiddenError (403).
 */
export class Authorizer {
  constructor(private readonly verifier: TokenVerifier) {}

  async authorize(authorization: string | undefined, requirement: AccessRequirement): Promise<Principal> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
    if (!token)
      throw new UnauthenticatedError("Send a Firebase ID token as `Authorization: Bearer <token>`.");
    let claims: Awaited<ReturnType<TokenVerifier["verify"]>>;
    try {
      claims = await this.verifier.verify(token, requirement.write);
    } catch {
      throw new UnauthenticatedError("The ID token is invalid, expired or revoked.");
    }
    const role = roleSchema.safeParse(claims.role);
    if (!role.success) throw new ForbiddenError("Your account has no role; ask an administrator for one.");
    if (rank[role.data] < rank[requirement.role]) {
      throw new ForbiddenError(`This needs the ${requirement.role} role; you are ${role.data}.`);
    }
    return { uid: claims.uid, email: claims.email, role: role.data };
  }
}
