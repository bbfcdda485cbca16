import type { LastVerification, VerificationPort } from "./migration-ports.js";

/**
 * VerificationPort in memory. `verified.add(code)` is a verification found equal just now (at the
 * moment it is read); `record` sets an exact result, e.g. an old one.
 */
export class FakeVerification implements VerificationPort {
  readonly verified = new Set<string>();
  private readonly recorded = new Map<string, LastVerification>();

  record(customerCode: string, result: LastVerification): void {
    this.recorded.set(customerCode, result);
  }

  lastVerification(customerCode: string): Promise<LastVerification | undefined> {
    const recorded = this.recorded.get(customerCode);
    if (recorded) return Promise.resolve(recorded);
    return Promise.resolve(
      this.verified.has(customerCode) ? { equal: true, verifiedAt: new Date() } : undefined,
    );
  }
}
