import { describe, expect, it } from "vitest";
import { type WaveStatus, waveStatusSchema } from "./format-wave-status.js";
import { type WaveProgressView, watchWave } from "./watch-wave.js";

const status = (state: string, done: number): WaveStatus =>
  waveStatusSchema.parse({ id: "w1", stage: "dualwrite", status: state, progress: { done, total: 30 } });

function recordingView() {
  const seen: { done: number | undefined; rate: number | undefined }[] = [];
  let stopped = 0;
  const view: WaveProgressView = {
    update: (wave, rate) => seen.push({ done: wave.progress?.done, rate }),
    stop: () => {
      stopped += 1;
    },
  };
  return { view, seen, stopped: () => stopped };
}

describe("watchWave", () => {
  it("polls until the wave no longer runs, feeding the view the observed rate", async () => {
    const answers = [status("running", 0), status("running", 10), status("running", 20), status("idle", 30)];
    let clock = 0;
    const { view, seen, stopped } = recordingView();
    const final = await watchWave({
      read: async () => answers.shift() ?? status("idle", 30),
      view,
      intervalMs: 1_000,
      signal: new AbortController().signal,
      now: () => clock,
      wait: async (ms) => {
        clock += ms;
      },
    });
    expect(final.status).toBe("idle");
    expect(seen).toEqual([
      { done: 0, rate: undefined },
      { done: 10, rate: 10 },
      { done: 20, rate: 10 },
      { done: 30, rate: 10 },
    ]);
    expect(stopped()).toBe(1);
  });

  it("gives the terminal back when interrupted", async () => {
    const abort = new AbortController();
    const { view, stopped } = recordingView();
    const watching = watchWave({
      read: async () => status("running", 1),
      view,
      intervalMs: 60_000,
      signal: abort.signal,
    });
    setTimeout(() => abort.abort(), 10);
    await expect(watching).rejects.toThrow(/abort/i);
    expect(stopped()).toBe(1);
  });
});
