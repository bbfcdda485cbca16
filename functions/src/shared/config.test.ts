import { describe, expect, it } from "vitest";
import { DEMO_PAGE_TOKEN_KEY, parseFunctionEnv } from "./config.js";
import { ConfigError } from "./errors.js";

const realProject = "luckygas-prod";
const legacySecret = `projects/${realProject}/secrets/legacy-database-url/versions/3`;
const pageTokenSecret = `projects/${realProject}/secrets/page-token-key/versions/1`;
const localKey = "a-local-page-token-key-of-40-characters!";

/** What the local stack (emulators/src/stack.ts) gives every functions-framework process. */
const localStackEnv = {
  GCLOUD_PROJECT: "demo-luckygas",
  FIRESTORE_EMULATOR_HOST: "127.0.0.1:8180",
  PUBSUB_EMULATOR_HOST: "127.0.0.1:8085",
  FIREBASE_AUTH_EMULATOR_HOST: "127.0.0.1:9099",
  LEGACY_DATABASE_URL: "postgres://luckygas@127.0.0.1:5433/luckygas",
  METADATA_SERVER_DETECTION: "none",
};

/** A production deployment as intended: real project, no emulators, secrets from Secret Manager. */
const productionEnv = {
  GCLOUD_PROJECT: realProject,
  LEGACY_DATABASE_URL_SECRET: legacySecret,
  PAGE_TOKEN_KEY_SECRET: pageTokenSecret,
  K_SERVICE: "api",
  K_REVISION: "api-00007-xyz",
  K_CONFIGURATION: "api",
};

/** The ConfigError message parseFunctionEnv throws for env, or a failure if it accepts env. */
function refusal(env: Record<string, string>): string {
  try {
    parseFunctionEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error("parseFunctionEnv accepted the environment");
}

describe("parseFunctionEnv refuses emulator hosts outside demo- projects", () => {
  it.each([
    "FIREBASE_AUTH_EMULATOR_HOST",
    "FIRESTORE_EMULATOR_HOST",
    "PUBSUB_EMULATOR_HOST",
    "FIREBASE_STORAGE_EMULATOR_HOST",
    "STORAGE_EMULATOR_HOST",
    "FIREBASE_DATABASE_EMULATOR_HOST",
    "CLOUD_TASKS_EMULATOR_HOST",
    "DATA_CONNECT_EMULATOR_HOST",
    "CLOUD_EVENTARC_EMULATOR_HOST",
  ])("refuses %s with a real project id", (variable) => {
    const message = refusal({ ...productionEnv, [variable]: "127.0.0.1:9099" });
    expect(message).toContain(variable);
    expect(message).toContain(realProject);
    expect(message).toMatch(/demo-/);
  });

  it("says why: the Auth emulator host turns off ID token signature checks", () => {
    const message = refusal({ ...productionEnv, FIREBASE_AUTH_EMULATOR_HOST: "127.0.0.1:9099" });
    expect(message).toMatch(/signature/i);
  });

  it("names every emulator host that is set", () => {
    const message = refusal({
      ...productionEnv,
      FIRESTORE_EMULATOR_HOST: "127.0.0.1:8180",
      FIREBASE_AUTH_EMULATOR_HOST: "127.0.0.1:9099",
    });
    expect(message).toContain("FIRESTORE_EMULATOR_HOST");
    expect(message).toContain("FIREBASE_AUTH_EMULATOR_HOST");
  });

  it("refuses an emulator host even when only FIREBASE_AUTH_PROJECT is real", () => {
    const message = refusal({ ...localStackEnv, FIREBASE_AUTH_PROJECT: realProject });
    expect(message).toContain("FIREBASE_AUTH_EMULATOR_HOST");
    expect(message).toContain(realProject);
  });
});

describe("parseFunctionEnv refuses demo- projects on Cloud Functions / Cloud Run", () => {
  it.each([
    ["K_SERVICE", "api"],
    ["K_REVISION", "api-00001-abc"],
    ["K_CONFIGURATION", "api"],
    ["CLOUD_RUN_JOB", "import"],
  ])("refuses a demo- project when %s is set", (variable, value) => {
    const message = refusal({ ...localStackEnv, [variable]: value });
    expect(message).toContain(variable);
    expect(message).toContain("demo-luckygas");
  });

  it("refuses the demo- default when a deployment forgets GCLOUD_PROJECT", () => {
    const { GCLOUD_PROJECT: _omitted, ...withoutProject } = productionEnv;
    const message = refusal(withoutProject);
    expect(message).toContain("GCLOUD_PROJECT");
    expect(message).toContain("K_SERVICE");
  });

  it("refuses a demo- FIREBASE_AUTH_PROJECT on Cloud Run", () => {
    const message = refusal({ ...productionEnv, FIREBASE_AUTH_PROJECT: "demo-luckygas" });
    expect(message).toContain("FIREBASE_AUTH_PROJECT");
  });
});

describe("parseFunctionEnv refuses plain-text secrets and missing keys in production", () => {
  it("refuses LEGACY_DATABASE_URL in plain text for a real project", () => {
    const message = refusal({ ...productionEnv, LEGACY_DATABASE_URL: "postgres://app:pw@10.0.0.5/luckygas" });
    expect(message).toContain("LEGACY_DATABASE_URL_SECRET");
    // The refusal must not echo the credential it refuses.
    expect(message).not.toContain("pw@");
  });

  it("refuses a real project without PAGE_TOKEN_KEY_SECRET", () => {
    const { PAGE_TOKEN_KEY_SECRET: _omitted, ...withoutKey } = productionEnv;
    expect(refusal(withoutKey)).toContain("PAGE_TOKEN_KEY_SECRET");
  });

  it("refuses PAGE_TOKEN_KEY in plain text for a real project", () => {
    const { PAGE_TOKEN_KEY_SECRET: _omitted, ...withoutSecret } = productionEnv;
    const message = refusal({ ...withoutSecret, PAGE_TOKEN_KEY: localKey });
    expect(message).toContain("PAGE_TOKEN_KEY_SECRET");
    expect(message).not.toContain(localKey);
  });

  it("refuses a PAGE_TOKEN_KEY shorter than 32 characters, even locally", () => {
    expect(refusal({ ...localStackEnv, PAGE_TOKEN_KEY: "too-short" })).toContain("PAGE_TOKEN_KEY");
  });

  it("refuses a PAGE_TOKEN_KEY_SECRET that is not a secret version name", () => {
    const message = refusal({ ...productionEnv, PAGE_TOKEN_KEY_SECRET: "page-token-key" });
    expect(message).toContain("PAGE_TOKEN_KEY_SECRET");
  });

  it("lists every problem of a bad deployment in one error", () => {
    const message = refusal({
      GCLOUD_PROJECT: realProject,
      LEGACY_DATABASE_URL: "postgres://app:pw@10.0.0.5/luckygas",
      FIREBASE_AUTH_EMULATOR_HOST: "127.0.0.1:9099",
      K_SERVICE: "api",
    });
    expect(message).toContain("FIREBASE_AUTH_EMULATOR_HOST");
    expect(message).toContain("LEGACY_DATABASE_URL_SECRET");
    expect(message).toContain("PAGE_TOKEN_KEY_SECRET");
  });
});

describe("parseFunctionEnv accepts the safe combinations", () => {
  it("accepts the local stack: demo- project, emulators, no page token key set", () => {
    // functions-framework sets no K_* variable (build/src/options.js only reads PORT, FUNCTION_TARGET…).
    const config = parseFunctionEnv(localStackEnv);
    expect(config.GCLOUD_PROJECT).toBe("demo-luckygas");
    expect(config.FIREBASE_AUTH_EMULATOR_HOST).toBe("127.0.0.1:9099");
    expect(config.PAGE_TOKEN_KEY).toBe(DEMO_PAGE_TOKEN_KEY);
  });

  it("labels the demo page token key as such", () => {
    expect(DEMO_PAGE_TOKEN_KEY).toMatch(/demo/i);
    expect(DEMO_PAGE_TOKEN_KEY).toMatch(/not.a.secret/i);
    expect(DEMO_PAGE_TOKEN_KEY.length).toBeGreaterThanOrEqual(32);
  });

  it("accepts the integration tests: demo- project and demo- auth project with emulators", () => {
    const config = parseFunctionEnv({
      ...localStackEnv,
      GCLOUD_PROJECT: "demo-api-1a2b3c4d",
      FIREBASE_AUTH_PROJECT: "demo-luckygas-test",
      FIREBASE_STORAGE_EMULATOR_HOST: "127.0.0.1:9199",
    });
    expect(config.FIREBASE_AUTH_PROJECT).toBe("demo-luckygas-test");
  });

  it("keeps a PAGE_TOKEN_KEY a demo- project sets itself", () => {
    expect(parseFunctionEnv({ ...localStackEnv, PAGE_TOKEN_KEY: localKey }).PAGE_TOKEN_KEY).toBe(localKey);
  });

  it("leaves the key to the secret when a demo- project names PAGE_TOKEN_KEY_SECRET", () => {
    const config = parseFunctionEnv({ ...localStackEnv, PAGE_TOKEN_KEY_SECRET: pageTokenSecret });
    expect(config.PAGE_TOKEN_KEY).toBeUndefined();
    expect(config.PAGE_TOKEN_KEY_SECRET).toBe(pageTokenSecret);
  });

  it("accepts a real project on Cloud Run without emulators and with both secrets", () => {
    const config = parseFunctionEnv(productionEnv);
    expect(config.GCLOUD_PROJECT).toBe(realProject);
    expect(config.LEGACY_DATABASE_URL_SECRET).toBe(legacySecret);
    expect(config.PAGE_TOKEN_KEY_SECRET).toBe(pageTokenSecret);
    expect(config.PAGE_TOKEN_KEY).toBeUndefined();
  });

  it("accepts a real project with a real FIREBASE_AUTH_PROJECT", () => {
    const config = parseFunctionEnv({ ...productionEnv, FIREBASE_AUTH_PROJECT: "luckygas-identity" });
    expect(config.FIREBASE_AUTH_PROJECT).toBe("luckygas-identity");
  });
});
