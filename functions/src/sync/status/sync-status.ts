import type {
  BacklogReader,
  LagSampleReader,
  SyncDirection,
  SyncSignalsReader,
  VerificationSummary,
} from "./status-ports.js";

export interface LagPercentiles {
  samples: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface DirectionStatus {
  backlog: number;
  oldestUnpublishedAgeSeconds: number | null;
  publishedPerMinute: number;
  lag: LagPercentiles;
  deadLetters: number;
}

export interface SyncStatus {
  generatedAt: string;
  directions: Record<SyncDirection, DirectionStatus>;
  openConflicts: number;
  lastVerification: VerificationSummary | null;
  legacyBreaker: { state: string; changedAt: string | null } | null;
}

/** Nearest-rank percentile of an ascending list; null when there is nothing to rank. */
export function percentile(sortedAscending: number[], p: number): number | null {
  if (sortedAscending.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sortedAscending.length));
  return sortedAscending[rank - 1] ?? null;
}

export function lagPercentiles(lagsMs: number[]): LagPercentiles {
  const sorted = [...lagsMs].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
  };
}

const windowMs = 5 * 60_000;

/** The apply function that consumes each direction (dead letters are recorded under its name). */
const applyFunctionOf: Record<SyncDirection, string> = {
  "legacy-to-new": "syncApplyToNew",
  "new-to-legacy": "syncApplyToLegacy",
};

/** Assembles `GET /v1/sync/status` from the readers of each source of truth. */
export class SyncStatusService {
  constructor(
    private readonly backlogs: Record<SyncDirection, BacklogReader>,
    private readonly lags: LagSampleReader,
    private readonly signals: SyncSignalsReader,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async status(): Promise<SyncStatus> {
    const now = this.clock();
    const [legacyToNew, newToLegacy, openConflicts, lastVerification, legacyBreaker] = await Promise.all([
      this.direction("legacy-to-new", now),
      this.direction("new-to-legacy", now),
      this.signals.openConflicts(),
      this.signals.lastVerification(),
      this.signals.legacyBreaker(),
    ]);
    return {
      generatedAt: now.toISOString(),
      directions: { "legacy-to-new": legacyToNew, "new-to-legacy": newToLegacy },
      openConflicts,
      lastVerification,
      legacyBreaker,
    };
  }

  private async direction(direction: SyncDirection, now: Date): Promise<DirectionStatus> {
    const since = new Date(now.getTime() - windowMs);
    const [backlog, lags, deadLetters] = await Promise.all([
      this.backlogs[direction].read(now),
      this.lags.lagsSince(direction, since),
      this.signals.deadLetters(applyFunctionOf[direction]),
    ]);
    const oldest = backlog.oldestUnpublishedAt;
    return {
      backlog: backlog.backlog,
      oldestUnpublishedAgeSeconds:
        oldest === null ? null : Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)),
      publishedPerMinute: backlog.publishedLast5Minutes / 5,
      lag: lagPercentiles(lags),
      deadLetters,
    };
  }
}
