import type { TokenVerifier } from "./principal.js";

/** Unit-test stand-in: tokens are looked up in a table; unknown or revoked tokens fail like real ones. */
export class FakeTokenVerifier implements TokenVerifier {
  private readonly revoked = new Set<string>();
  constructor(private readonly tokens: Record<string, { uid: string; email?: string; role?: unknown }>) {}

  revoke(token: string): void {
    this.revoked.add(token);
  }

  async verify(idToken: string, checkRevoked: boolean) {
    const claims = this.tokens[idToken];
    if (!claims) throw new Error("auth/argument-error");
    if (checkRevoked && this.revoked.has(idToken)) throw new Error("auth/id-token-revoked");
    return claims;
  }
}
