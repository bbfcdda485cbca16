import type { Driver } from "../domain/driver.js";
import type { DriverNames } from "./order-sms-values.js";

/** The part of reference/ReferenceReader this needs: the driver list (≈10 rows). */
export interface DriverSource {
  drivers(): Promise<Driver[]>;
}

/**
 * Driver names for SMS from the reference driver list, re-read at most every `ttlMs` so a
 * burst of transitions costs one query; a failed read leaves the driver's code in the SMS.
 */
export class CachedDriverNames implements DriverNames {
  private names: Map<string, string> | undefined;
  private loadedAt = 0;

  constructor(
    private readonly source: DriverSource,
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async nameOf(driverCode: string): Promise<string | undefined> {
    if (!this.names || this.now() - this.loadedAt >= this.ttlMs) {
      try {
        const drivers = await this.source.drivers();
        this.names = new Map(drivers.map((driver) => [driver.code, driver.name]));
        this.loadedAt = this.now();
      } catch {
        return this.names?.get(driverCode);
      }
    }
    return this.names.get(driverCode);
  }
}
