import { randomBytes } from "node:crypto";
import { Agent } from "node:http";
import { deleteApp } from "firebase-admin/app";
import type { Firestore } from "firebase-admin/firestore";
import pg from "pg";
import { createIsolatedDatabase } from "../../../emulators/src/legacy/isolated-database.js";
import { seedLegacyDatabase } from "../../../emulators/src/legacy/seed.js";
import { firebaseApp, firestoreFor } from "../../src/adapters/firebase-app.js";
import { applySyncSchema } from "../../src/sync/capture/sync-schema.js";
import { type RunningFunction, startFunction } from "../support/function-harness.js";
import { signInTestUsers, type TestRole } from "../support/role-tokens.js";
import { testEnv, uniqueProjectId } from "../support/test-env.js";

export type { TestRole };

export interface ApiTestStack {
  api: RunningFunction;
  projectId: string;
  /** The Auth emulator project whose users the API accepts. */
  authProject: string;
  db: Firestore;
  legacy: pg.Pool;
  tokens: Record<TestRole, string>;
  call(method: string, path: string, options?: CallOptions): Promise<ApiAnswer>;
  stop(): Promise<void>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Raw body text (sent as is), for malformed-input tests. */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** The fuzz and matrix tests send thousands of requests a minute: limits far above them unless a test sets its own. */
const testLimits = {
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: "1000000",
  RATE_LIMIT_PER_USER_PER_MINUTE: "1000000",
};

export interface ApiTestStackOptions {
  /** Synthetic legacy data, as a share of the default scale. */
  scale?: number;
  /** More function environment (e.g. lower rate limits). */
  env?: Record<string, string>;
  /** Install the sync's schema as the legacy relay would (default); off to test an API without it. */
  syncSchema?: boolean;
  /** Where the API finds the legacy database (a proxy in front of it, say); the test's own pool goes direct. */
  apiLegacyUrl?: (legacyUrl: string) => string;
}

export async function startApiTestStack(
  label: string,
  {
    scale = 0.02,
    env: extraEnv = {},
    syncSchema = true,
    apiLegacyUrl = (url) => url,
  }: ApiTestStackOptions = {},
): Promise<ApiTestStack> {
  const env = testEnv();
  const projectId = uniqueProjectId(label);
  const legacyUrl = await createIsolatedDatabase(
    env.LEGACY_ADMIN_URL,
    `api_${label}_${randomBytes(3).toString("hex")}`,
  );
  await seedLegacyDatabase(legacyUrl, { seed: 7, scale });
  const { authProject, tokens } = await signInTestUsers(label);
  const api = await startFunction({
    name: "api",
    entry: "src/deployables/api/index.ts",
    signature: "http",
    env: {
      GCLOUD_PROJECT: projectId,
      FIREBASE_AUTH_PROJECT: authProject,
      FIRESTORE_EMULATOR_HOST: env.FIRESTORE_EMULATOR_HOST,
      FIREBASE_AUTH_EMULATOR_HOST: env.FIREBASE_AUTH_EMULATOR_HOST,
      PUBSUB_EMULATOR_HOST: env.PUBSUB_EMULATOR_HOST, // dead-letter replays publish
      LEGACY_DATABASE_URL: apiLegacyUrl(legacyUrl),
      READ_COMPARISON_SAMPLE_RATIO: "1",
      METADATA_SERVER_DETECTION: "none",
      LOG_LEVEL: "WARNING",
      ...testLimits,
      ...extraEnv,
    },
  });
  const db = firestoreFor(firebaseApp(projectId));
  const legacy = new pg.Pool({ connectionString: legacyUrl, max: 3 });
  // The sync's own schema, as the legacy relay installs it in the running system (sync status reads it).
  if (syncSchema) await applySyncSchema(legacy);
  // One keep-alive agent for every request of the file (the fuzz test sends thousands).
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const call = (method: string, path: string, options: CallOptions = {}) =>
    request(api.url, agent, method, path, options);
  return {
    api,
    projectId,
    authProject,
    db,
    legacy,
    tokens,
    call,
    stop: async () => {
      agent.destroy();
      await api.stop();
      await legacy.end();
      await deleteApp(firebaseApp(projectId));
      await deleteApp(firebaseApp(authProject)).catch(() => undefined);
    },
  };
}

async function request(
  base: string,
  agent: Agent,
  method: string,
  path: string,
  options: CallOptions,
  retried = false,
): Promise<ApiAnswer> {
  const { request: httpRequest } = await import("node:http");
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const text = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (text !== undefined) {
    headers["content-type"] = options.contentType ?? "application/json";
    headers["content-length"] = String(Buffer.byteLength(text));
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path.replace(/^\//, ""), base), { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        let body: unknown = raw;
        try {
          body = raw === "" ? undefined : JSON.parse(raw);
        } catch {
          // Not JSON (e.g. the framework's own 400 for unparsable bodies): keep the text.
        }
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (typeof value === "string") responseHeaders.set(name, value);
        }
        resolve({ status: res.statusCode ?? 0, headers: responseHeaders, body });
      });
      res.on("error", reject);
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      // The server closed a kept-alive socket just as it was reused (it keeps idle sockets 5 s; a
      // slow step between requests outlasts that). Nothing reached the server: send it again, as
      // Node's documentation recommends for this race (once: a second reset is a real failure).
      if (req.reusedSocket && error.code === "ECONNRESET" && !retried) {
        request(base, agent, method, path, options, true).then(resolve, reject);
        return;
      }
      reject(error);
    });
    if (text !== undefined) req.write(text);
    req.end();
  });
}
