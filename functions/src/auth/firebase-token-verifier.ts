import type { Auth } from "firebase-admin/auth";
import type { TokenVerifier } from "./principal.js";

/** firebase-admin verification; against the Auth emulator when FIREBASE_AUTH_EMULATOR_HOST is set. */
export class FirebaseTokenVerifier implements TokenVerifier {
  constructor(private readonly auth: Auth) {}

  async verify(idToken: string, checkRevoked: boolean) {
    const decoded = await this.auth.verifyIdToken(idToken, checkRevoked);
    return { uid: decoded.uid, email: decoded.email, role: decoded.role };
  }
}
