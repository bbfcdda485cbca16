export interface DependencyProbe {
  readonly name: string;
  /** Resolves when the dependency answered; rejects (or times out) when it did not. */
  ping(): Promise<void>;
}

export interface DependencyStatus {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  status: "ok" | "degraded";
  service: string;
  checks: Record<string, DependencyStatus>;
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return Promise.race([
    promise,
    new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)),
  ]);
}

/** Pings every dependency in parallel; a slow one counts as down rather than hanging the probe. */
export class HealthService {
  constructor(
    private readonly service: string,
    private readonly probes: DependencyProbe[],
    private readonly timeoutMs = 2_000,
  ) {}

  async check(): Promise<HealthReport> {
    const entries = await Promise.all(
      this.probes.map(async (probe): Promise<[string, DependencyStatus]> => {
        const started = Date.now();
        try {
          await withTimeout(probe.ping(), this.timeoutMs);
          return [probe.name, { ok: true, latencyMs: Date.now() - started }];
        } catch (error) {
          return [probe.name, { ok: false, latencyMs: Date.now() - started, error: String(error) }];
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    const status = entries.every(([, check]) => check.ok) ? "ok" : "degraded";
    return { status, service: this.service, checks };
  }
}
