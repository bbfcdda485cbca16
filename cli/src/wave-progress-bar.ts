import { Presets, SingleBar } from "cli-progress";
import type { Output } from "./command.js";
import { formatDuration } from "./format-figures.js";
import { type WaveStatus, waveEtaSeconds } from "./format-wave-status.js";
import type { WaveProgressView } from "./watch-wave.js";

/** What the bar shows beside its counts; `{value}`, `{total}` and `{percentage}` are cli-progress's own. */
export function waveBarPayload(wave: WaveStatus, ratePerSecond: number | undefined) {
  const eta = waveEtaSeconds(wave, ratePerSecond);
  return {
    wave: wave.id,
    stage: wave.stage,
    status: wave.status,
    rateText: ratePerSecond === undefined ? "–/s" : `${ratePerSecond.toFixed(ratePerSecond < 10 ? 1 : 0)}/s`,
    etaText: eta === undefined ? "?" : formatDuration(eta),
  };
}

/**
 * A cli-progress bar on stderr (stdout keeps the final status for pipes): done/total, percent,
 * rate and ETA. Off a terminal it prints a line every few seconds instead of redrawing.
 */
export function waveProgressBar(stream: NodeJS.WritableStream = process.stderr): WaveProgressView {
  const bar = new SingleBar(
    {
      format:
        "wave {wave} {stage} {status} [{bar}] {value}/{total} {percentage}% | {rateText} | ETA {etaText}",
      stream,
      hideCursor: true,
      emptyOnZero: true,
      noTTYOutput: true,
      notTTYSchedule: 5_000,
      fps: 5,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update: (wave, rate) => {
      const done = wave.progress?.done ?? 0;
      const total = wave.progress?.total ?? 0;
      const payload = waveBarPayload(wave, rate);
      if (!started) {
        bar.start(total, done, payload);
        started = true;
        return;
      }
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(done, payload);
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}

/** `--json --watch`: one status per line, as each poll answered. */
export function waveJsonLines(output: Output): WaveProgressView {
  return { update: (wave) => output.out(JSON.stringify(wave)), stop: () => undefined };
}
