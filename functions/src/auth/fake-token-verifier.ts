import { type AccountStatusReader, sessionIsActive } from "./account-status.js";
import type { TokenVerifier, VerifiedClaims } from "./principal.js";

/**
 * Unit-test stand-in for Auth: tokens are looked up in a table; unknown tokens fail like real ones,
 * and revoking or disabling an account ends its sessions for writes and reads alike.
 */
export class FakeTokenVerifier implements TokenVerifier, AccountStatusReader {
  private readonly revokedUids = new Set<string>();
  private readonly disabledUids = new Set<string>();
  constructor(private readonly tokens: Record<string, VerifiedClaims>) {}

  /** Revokes the sessions of the account that holds `token`. */
  revoke(token: string): void {
    const claims = this.tokens[token];
    if (claims) this.revokedUids.add(claims.uid);
  }

  disable(uid: string): void {
    this.disabledUids.add(uid);
  }

  async verify(idToken: string, checkRevoked: boolean): Promise<VerifiedClaims> {
    const claims = this.tokens[idToken];
    if (!claims) throw new Error("auth/argument-error");
    const withTime = { authTime: 1_000, ...claims };
    if (checkRevoked && !(await this.isActive(claims.uid, withTime.authTime))) {
      throw new Error("auth/id-token-revoked");
    }
    return withTime;
  }

  async isActive(uid: string, authTimeSeconds: number | undefined): Promise<boolean> {
    const status = {
      disabled: this.disabledUids.has(uid),
      validAfterMs: this.revokedUids.has(uid) ? Number.MAX_SAFE_INTEGER : undefined,
    };
    return sessionIsActive(status, authTimeSeconds);
  }
}
