/** Runs `tick(i)` at `rate` per second for `seconds`, on a fixed schedule (not back-to-back). */
export async function atRate(
  rate: number,
  seconds: number,
  tick: (i: number) => Promise<void>,
): Promise<void> {
  const total = rate * seconds;
  const begin = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = begin + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(tick(i).catch((error: unknown) => console.error(`tick ${i} failed: ${String(error)}`)));
  }
  await Promise.all(inFlight);
}
