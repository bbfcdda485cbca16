import { z } from "zod";

/** Order numbers have four digits a day per side, and API and bare share the day's numbers. */
const ordersPerDayPerSide = 9_999;

const benchEnvSchema = z
  .object({
    /** Requests per second sent to each target (API or bare) while it is measured. */
    BENCH_RATE: z.coerce.number().int().min(1).max(400).default(100),
    /** Measured seconds per target and route (API and bare alternate in slices, so a route takes twice this). */
    BENCH_SECONDS: z.coerce.number().int().min(2).max(300).default(20),
    /** Length of one slice of the alternation: API for a slice, then bare for one, and so on. */
    BENCH_SLICE_SECONDS: z.coerce.number().int().min(1).max(30).default(2),
    /** Unmeasured load per target before each route (JIT, connection pools, emulator JVMs). */
    BENCH_WARMUP_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
    /** Customers per target and stage; writes rotate over them, so a customer is written every this/rate s. */
    BENCH_CUSTOMERS: z.coerce.number().int().min(10).max(1_000).default(200),
    /** Contexts the OFREP bulk requests rotate over. */
    BENCH_CONTEXTS: z.coerce.number().int().min(1).max(10_000).default(100),
    /** Cold starts per bundle (and as many of the hello world); the median is printed. */
    BENCH_COLD_RUNS: z.coerce.number().int().min(1).max(20).default(3),
    /** Synthetic legacy data, as `npm start` seeds it (1 ≈ 5,000 clients and 200,000 deliveries). */
    BENCH_SCALE: z.coerce.number().positive().max(10).default(1),
    /** Routes to run, comma-separated names (see the table's first column); empty: all of them. */
    BENCH_ROUTES: z.string().default(""),
    /** Set to 1 to write a V8 CPU profile of the api process to .run/bench-api-profile/. */
    BENCH_CPU_PROFILE: z.enum(["0", "1"]).default("0"),
  })
  .refine((env) => env.BENCH_SECONDS % env.BENCH_SLICE_SECONDS === 0, {
    path: ["BENCH_SECONDS"],
    message: "must be a multiple of BENCH_SLICE_SECONDS, so API and bare get the same time",
  })
  .refine(
    (env) => env.BENCH_RATE * (env.BENCH_SECONDS + env.BENCH_WARMUP_SECONDS) * 2 <= ordersPerDayPerSide,
    {
      path: ["BENCH_RATE"],
      message: `BENCH_RATE × (BENCH_SECONDS + BENCH_WARMUP_SECONDS) × 2 must be at most ${ordersPerDayPerSide}: the order routes would run out of the day's order numbers`,
    },
  );

export type BenchEnv = z.infer<typeof benchEnvSchema>;

/** The bench's knobs from the environment; a bad value stops it with every problem named. */
export function parseBenchEnv(env: NodeJS.ProcessEnv = process.env): BenchEnv {
  const parsed = benchEnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  console.error(`bench:api: bad environment\n${z.prettifyError(parsed.error)}`);
  process.exit(2);
}
