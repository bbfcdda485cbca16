import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { waveStatusSchema } from "./format-wave-status.js";
import { waveBarPayload, waveProgressBar } from "./wave-progress-bar.js";

const running = waveStatusSchema.parse({
  id: "w1",
  stage: "dualwrite",
  status: "running",
  progress: { done: 120, total: 500, etaSeconds: null },
});

describe("waveBarPayload", () => {
  it("gives the rate and an ETA from it when the API has none", () => {
    expect(waveBarPayload(running, 19)).toEqual({
      wave: "w1",
      stage: "dualwrite",
      status: "running",
      rateText: "19/s",
      etaText: "20s",
    });
    expect(waveBarPayload(running, undefined)).toMatchObject({ rateText: "–/s", etaText: "?" });
  });
});

describe("waveProgressBar", () => {
  it("draws counts, percent, rate and ETA with cli-progress, off a terminal too", () => {
    const stream = new PassThrough();
    let written = "";
    stream.on("data", (chunk: Buffer) => {
      written += chunk.toString();
    });
    const view = waveProgressBar(stream);
    view.update(running, 19);
    view.update({ ...running, status: "idle", progress: { done: 500, total: 500, etaSeconds: 0 } }, 19);
    view.stop();
    expect(written).toContain("wave w1 dualwrite");
    expect(written).toContain("500/500 100% | 19/s | ETA 0s");
  });
});
