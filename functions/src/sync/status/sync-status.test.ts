import { describe, expect, it } from "vitest";
import type {
  BacklogFigures,
  BacklogReader,
  LagSampleReader,
  SyncDirection,
  SyncSignalsReader,
} from "./status-ports.js";
import { lagPercentiles, percentile, SyncStatusService } from "./sync-status.js";

const now = new Date("2026-11-28T12:00:00.000Z");

class FixedBacklog implements BacklogReader {
  constructor(private readonly figures: BacklogFigures) {}
  async read(): Promise<BacklogFigures> {
    return this.figures;
  }
}

class InMemoryLags implements LagSampleReader {
  readonly asked: { direction: SyncDirection; since: Date }[] = [];
  constructor(private readonly lags: Record<SyncDirection, number[]>) {}
  async lagsSince(direction: SyncDirection, since: Date): Promise<number[]> {
    this.asked.push({ direction, since });
    return this.lags[direction];
  }
}

const signals: SyncSignalsReader = {
  deadLetters: async (fn) => (fn === "syncApplyToNew" ? 2 : 0),
  openConflicts: async () => 3,
  lastVerification: async () => ({ customerCode: "0100001", equal: true, verifiedAt: now.toISOString() }),
  legacyBreaker: async () => ({ state: "closed", changedAt: null }),
};

describe("percentiles", () => {
  it("uses nearest rank, and null when there are no samples", () => {
    const lags = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    expect(lagPercentiles(lags)).toEqual({ samples: 100, p50Ms: 50, p95Ms: 95, p99Ms: 99 });
    expect(lagPercentiles([])).toEqual({ samples: 0, p50Ms: null, p95Ms: null, p99Ms: null });
    expect(percentile([7], 99)).toBe(7);
  });
});

describe("SyncStatusService", () => {
  it("reports each direction from its own source, over the last five minutes", async () => {
    const lags = new InMemoryLags({ "legacy-to-new": [10, 30, 20], "new-to-legacy": [] });
    const service = new SyncStatusService(
      {
        "legacy-to-new": new FixedBacklog({
          backlog: 4,
          oldestUnpublishedAt: new Date(now.getTime() - 90_500),
          publishedLast5Minutes: 1500,
        }),
        "new-to-legacy": new FixedBacklog({
          backlog: 0,
          oldestUnpublishedAt: null,
          publishedLast5Minutes: 0,
        }),
      },
      lags,
      signals,
      () => now,
    );
    const status = await service.status();
    expect(status.directions["legacy-to-new"]).toEqual({
      backlog: 4,
      oldestUnpublishedAgeSeconds: 91,
      publishedPerMinute: 300,
      lag: { samples: 3, p50Ms: 20, p95Ms: 30, p99Ms: 30 },
      deadLetters: 2,
    });
    expect(status.directions["new-to-legacy"]).toMatchObject({
      backlog: 0,
      oldestUnpublishedAgeSeconds: null,
    });
    expect(status).toMatchObject({ openConflicts: 3, legacyBreaker: { state: "closed" } });
    expect(lags.asked.map((a) => a.since.toISOString())).toEqual([
      "2026-11-28T11:55:00.000Z",
      "2026-11-28T11:55:00.000Z",
    ]);
  });
});
