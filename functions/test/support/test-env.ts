import { randomBytes } from "node:crypto";
import { z } from "zod";

/** What `npm test` hands the integration tests: addresses of the real services it started. */
const testEnvSchema = z.object({
  FIRESTORE_EMULATOR_HOST: z.string().min(1),
  PUBSUB_EMULATOR_HOST: z.string().min(1),
  FIREBASE_AUTH_EMULATOR_HOST: z.string().min(1),
  LEGACY_ADMIN_URL: z.string().regex(/^postgres(ql)?:\/\//),
  API_URL: z.string().optional(),
  TEST_STACK_LOG_DIR: z.string().optional(),
});
export type TestEnv = z.infer<typeof testEnvSchema>;

export function testEnv(): TestEnv {
  const parsed = testEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(
      `Integration tests need the services that \`npm test\` starts (${parsed.error.issues
        .map((issue) => issue.path.join("."))
        .join(", ")} missing). Run them with \`npm test\`.`,
    );
  }
  return parsed.data;
}

/** A fresh demo project id: Firestore and Pub/Sub emulators keep projects apart, so runs never see each other. */
export function uniqueProjectId(label: string): string {
  return `demo-${label}-${randomBytes(4).toString("hex")}`.toLowerCase();
}
