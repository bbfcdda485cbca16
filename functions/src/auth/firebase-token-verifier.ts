import type { Auth } from "firebase-admin/auth";
import type { AccountStatus } from "./account-status.js";
import type { TokenVerifier, VerifiedClaims } from "./principal.js";

/** firebase-admin verification; against the Auth emulator when FIREBASE_AUTH_EMULATOR_HOST is set. */
export class FirebaseTokenVerifier implements TokenVerifier {
  constructor(private readonly auth: Auth) {}

  async verify(idToken: string, checkRevoked: boolean): Promise<VerifiedClaims> {
    const decoded = await this.auth.verifyIdToken(idToken, checkRevoked);
    return { uid: decoded.uid, email: decoded.email, role: decoded.role, authTime: decoded.auth_time };
  }
}

/** The account status behind `CachedAccountStatus`: undefined for a deleted account. */
export function firebaseAccountStatus(auth: Auth): (uid: string) => Promise<AccountStatus | undefined> {
  return async (uid) => {
    try {
      const user = await auth.getUser(uid);
      const validSince = user.tokensValidAfterTime ? Date.parse(user.tokensValidAfterTime) : Number.NaN;
      return { disabled: user.disabled, validAfterMs: Number.isNaN(validSince) ? undefined : validSince };
    } catch (error) {
      if ((error as { code?: unknown }).code === "auth/user-not-found") return undefined;
      throw error;
    }
  };
}
