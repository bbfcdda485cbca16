import pg from "pg";
import { z } from "zod";
import { backfillOn } from "../../test/pilot/support/backfill-wiring.js";

/**
 * The backfill of the benchmark in its own process, so its peak memory is its own (not the
 * seeding's): prints one JSON line with the outcome, the seconds it took and its peak RSS.
 */
const env = z
  .object({
    BACKFILL_PROJECT: z.string().min(1),
    BACKFILL_LEGACY_URL: z.string().regex(/^postgres/),
    BACKFILL_CODES: z.string().regex(/^\d{7}(,\d{7})*$/),
    BACKFILL_THROTTLING: z.enum(["on", "off"]),
  })
  .parse(process.env);

const pool = new pg.Pool({ connectionString: env.BACKFILL_LEGACY_URL, max: 4 });
const { service, turnOn } = backfillOn(
  env.BACKFILL_PROJECT,
  pool,
  25,
  undefined,
  env.BACKFILL_THROTTLING === "on",
);
const started = performance.now();
const outcome = await service.run("bench", env.BACKFILL_CODES.split(","), turnOn);
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    seconds,
    documents: outcome.documents,
    done: outcome.done,
    rejected: outcome.rejected.length,
    timings: outcome.timings,
    peakRssKb: process.resourceUsage().maxRSS,
  }),
);
await pool.end();
process.exit(0);
