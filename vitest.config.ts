import { defineConfig } from "vitest/config";

/**
 * Two projects: `unit` is pure logic with fakes (no services); `integration` runs against
 * the real emulators and the real legacy PostgreSQL that `npm test` starts (emulators/src/run-tests.ts
 * passes their addresses in the environment).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "functions/src/**/*.test.ts",
            "emulators/src/**/*.test.ts",
            "web/src/**/*.test.ts",
            "cli/src/**/*.test.ts",
            "terraform/checks/**/*.test.ts",
          ],
          environment: "node",
          // Property-based tests run thousands of cases; on a busy 2-core machine 5 s is not enough.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "integration",
          include: [
            "functions/test/**/*.it.test.ts",
            "emulators/test/**/*.it.test.ts",
            "web/test/**/*.it.test.ts",
            "cli/test/**/*.it.test.ts",
          ],
          // The sync fault test runs here at its small default size (CHAOS_* variables);
          // `npm run test:chaos` runs it alone at the full size.
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Two cores: files run one at a time so emulators and functions are not starved.
          fileParallelism: false,
        },
      },
    ],
  },
});
