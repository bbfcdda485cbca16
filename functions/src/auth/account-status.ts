/** What Auth knows of an account that decides whether its sessions still count. */
export interface AccountStatus {
  disabled: boolean;
  /** Sessions that signed in before this (ms since the epoch) were revoked. */
  validAfterMs?: number;
}

/** Port: is the account behind a verified token still allowed in? */
export interface AccountStatusReader {
  /** False for a deleted or disabled account, or a session signed in before a revocation. */
  isActive(uid: string, authTimeSeconds: number | undefined): Promise<boolean>;
}

/** The rule firebase-admin applies for `checkRevoked`, shared by every reader. */
export function sessionIsActive(
  status: AccountStatus | undefined,
  authTimeSeconds: number | undefined,
): boolean {
  if (!status || status.disabled) return false;
  if (status.validAfterMs === undefined) return true;
  return authTimeSeconds !== undefined && authTimeSeconds * 1000 >= status.validAfterMs;
}
