import { randomBytes } from "node:crypto";
import { deleteApp } from "firebase-admin/app";
import type { Firestore } from "firebase-admin/firestore";
import { createIsolatedDatabase } from "../../../emulators/src/legacy/isolated-database.js";
import { firebaseApp, firestoreFor } from "../../src/adapters/firebase-app.js";
import { type RunningFunction, startFunction } from "../support/function-harness.js";
import { signInTestUsers, type TestRole } from "../support/role-tokens.js";
import { testEnv, uniqueProjectId } from "../support/test-env.js";

export type { TestRole };

export interface FlagsTestStack {
  projectId: string;
  db: Firestore;
  tokens: Record<TestRole, string>;
  /** Instances of the same `api` function on the same project, like Cloud Functions instances. */
  apis: RunningFunction[];
  stop(): Promise<void>;
}

export async function startFlagsTestStack(label: string, instances = 2): Promise<FlagsTestStack> {
  const env = testEnv();
  const projectId = uniqueProjectId(label);
  // The api function needs a legacy database to start; these tests never read it.
  const legacyUrl = await createIsolatedDatabase(
    env.LEGACY_ADMIN_URL,
    `flags_${randomBytes(3).toString("hex")}`,
  );
  const { authProject, tokens } = await signInTestUsers(label);
  const start = () =>
    startFunction({
      name: "api",
      entry: "src/deployables/api/index.ts",
      signature: "http",
      env: {
        GCLOUD_PROJECT: projectId,
        FIREBASE_AUTH_PROJECT: authProject,
        FIRESTORE_EMULATOR_HOST: env.FIRESTORE_EMULATOR_HOST,
        FIREBASE_AUTH_EMULATOR_HOST: env.FIREBASE_AUTH_EMULATOR_HOST,
        LEGACY_DATABASE_URL: legacyUrl,
        FLAG_COUNTS_FLUSH_SECONDS: "1",
        METADATA_SERVER_DETECTION: "none",
        LOG_LEVEL: "WARNING",
        RATE_LIMIT_PER_USER_PER_MINUTE: "1000000",
        RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "1000000",
      },
    });
  // Sequential: every start builds into the same bundle directory.
  const apis: RunningFunction[] = [];
  for (let i = 0; i < instances; i++) apis.push(await start());
  return {
    projectId,
    db: firestoreFor(firebaseApp(projectId)),
    tokens,
    apis,
    stop: async () => {
      await Promise.all(apis.map((api) => api.stop()));
      await deleteApp(firebaseApp(projectId));
      await deleteApp(firebaseApp(authProject)).catch(() => undefined);
    },
  };
}

/** JSON request against a running function. */
export async function callApi(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(new URL(path, base), {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
