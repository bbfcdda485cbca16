import pg from "pg";
import { z } from "zod";
import { backfillOn } from "./backfill-wiring.js";

/**
 * A backfill in its own process, so a test can kill it with SIGKILL mid-way as a crashed
 * instance would die: `tsx backfill-child.ts` with BACKFILL_* in the environment. Prints one
 * `chunk <done>/<total>` line per chunk.
 */
const env = z
  .object({
    BACKFILL_PROJECT: z.string().min(1),
    BACKFILL_LEGACY_URL: z.string().regex(/^postgres/),
    BACKFILL_RUN: z.string().min(1),
    BACKFILL_CODES: z.string().regex(/^\d{7}(,\d{7})*$/),
  })
  .parse(process.env);

const pool = new pg.Pool({ connectionString: env.BACKFILL_LEGACY_URL, max: 3 });
const { service, turnOn } = backfillOn(env.BACKFILL_PROJECT, pool, 5, (done, total) =>
  console.log(`chunk ${done}/${total}`),
);
const outcome = await service.run(env.BACKFILL_RUN, env.BACKFILL_CODES.split(","), turnOn);
console.log(`finished ${JSON.stringify({ done: outcome.done, documents: outcome.documents })}`);
await pool.end();
process.exit(0);
