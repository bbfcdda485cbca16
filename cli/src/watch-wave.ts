import { setTimeout as sleep } from "node:timers/promises";
import type { WaveStatus } from "./format-wave-status.js";
import { ProgressRate } from "./progress-rate.js";

/** Where a watch shows each poll: the progress bar, or JSON lines for scripts. */
export interface WaveProgressView {
  update(wave: WaveStatus, ratePerSecond: number | undefined): void;
  stop(): void;
}

export interface WatchOptions {
  read(): Promise<WaveStatus>;
  view: WaveProgressView;
  intervalMs: number;
  signal: AbortSignal;
  now?: () => number;
  wait?: (ms: number, signal: AbortSignal) => Promise<unknown>;
}

/**
 * Polls the wave until its status is no longer `running` and returns that last status. Ctrl-C
 * (the signal) rejects the wait or the request in flight; the view is stopped either way, so the
 * terminal gets its cursor back.
 */
export async function watchWave(options: WatchOptions): Promise<WaveStatus> {
  const { read, view, intervalMs, signal, now = Date.now } = options;
  const wait = options.wait ?? ((ms, abort) => sleep(ms, undefined, { signal: abort }));
  const rate = new ProgressRate();
  try {
    for (;;) {
      const wave = await read();
      if (wave.progress) rate.add(wave.progress.done, now());
      view.update(wave, rate.perSecond());
      if (wave.status !== "running") return wave;
      await wait(intervalMs, signal);
    }
  } finally {
    view.stop();
  }
}
