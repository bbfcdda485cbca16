import { randomBytes } from "node:crypto";
import { OpenFeature } from "@openfeature/server-sdk";
import { type App, deleteApp, initializeApp } from "firebase-admin/app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { FirestoreFlagStore } from "../../src/flags/firestore-flag-store.js";
import { FlagDefinitionInvalidError, FlagVersionConflictError } from "../../src/flags/flag-errors.js";
import { InMemoryFlagProvider } from "../../src/flags/in-memory-flag-provider.js";
import { CustomerStageService } from "../../src/migration/customer-stage-service.js";
import { FirestoreMigrationAuditLog } from "../../src/migration/firestore-migration-audit-log.js";
import { FirestoreStageAssignmentStore } from "../../src/migration/firestore-stage-assignment-store.js";
import {
  migrationFlagKey,
  OpenFeatureMigrationFlag,
} from "../../src/migration/openfeature-migration-flag.js";

// Only the Firestore emulator is needed; fail loudly rather than talk to a real project.
z.object({ FIRESTORE_EMULATOR_HOST: z.string().min(1) }).parse(process.env);
const projectId = `demo-flags-${randomBytes(4).toString("hex")}`;

const apps: App[] = [];
const providers: InMemoryFlagProvider[] = [];
/** A separate firebase-admin app per "function instance", as two deployed functions would have. */
function newApp(): App {
  const app = initializeApp({ projectId }, `flags-it-${apps.length}`);
  apps.push(app);
  return app;
}

async function startedProvider(): Promise<InMemoryFlagProvider> {
  const provider = new InMemoryFlagProvider(new FirestoreFlagStore(newApp()));
  providers.push(provider);
  await provider.initialize();
  return provider;
}

const stages = {
  off: "off",
  dualwrite: "dualwrite",
  shadow: "shadow",
  live: "live",
  rampdown: "rampdown",
  complete: "complete",
};
const rollout = (shadowPercent: number) => ({
  state: "ENABLED",
  variants: stages,
  defaultVariant: "off",
  targeting: {
    fractional: [
      ["shadow", shadowPercent],
      ["off", 100 - shadowPercent],
    ],
  },
});

let admin: FirestoreFlagStore;
beforeAll(() => {
  admin = new FirestoreFlagStore(newApp());
});
afterAll(async () => {
  await Promise.all(providers.map((p) => p.onClose()));
  await Promise.all(apps.map((app) => deleteApp(app)));
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not seen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

describe("FirestoreFlagStore against the Firestore emulator", () => {
  it("lets two separate provider instances see a change within 1 s", async () => {
    await admin.writeFlag({
      key: "banner",
      definition: bannerFlag(false),
      expectedVersion: 0,
      updatedBy: "it",
      reason: "test",
    });
    const [first, second] = [await startedProvider(), await startedProvider()];
    expect(first.evaluate("boolean", "banner", true, {}).value).toBe(false);

    await admin.writeFlag({
      key: "banner",
      definition: bannerFlag(true),
      expectedVersion: 1,
      updatedBy: "it",
      reason: "test",
    });
    const seen = (p: InMemoryFlagProvider) => () => p.evaluate("boolean", "banner", false, {}).value === true;
    await waitFor(seen(first), 1000);
    await waitFor(seen(second), 1000);
    expect(second.evaluate("boolean", "banner", false, {}).flagMetadata?.flagVersion).toBe(2);
  });

  it("stores fractional (nested-array) targeting and serves it", async () => {
    await admin.writeFlag({
      key: "split-check",
      definition: rollout(50),
      expectedVersion: 0,
      updatedBy: "it",
      reason: "test",
    });
    const stored = (await admin.read()).flags.get("split-check");
    expect(stored?.definition).toEqual(rollout(50));
  });

  it("rejects a write based on a stale version, and an invalid definition, auditing only what was stored", async () => {
    await admin.writeFlag({
      key: "contested",
      definition: bannerFlag(false),
      expectedVersion: 0,
      updatedBy: "a",
      reason: "test",
    });
    await admin.writeFlag({
      key: "contested",
      definition: bannerFlag(true),
      expectedVersion: 1,
      updatedBy: "b",
      reason: "test",
    });
    const stale = admin.writeFlag({
      key: "contested",
      definition: bannerFlag(false),
      expectedVersion: 1,
      updatedBy: "a",
      reason: "test",
    });
    await expect(stale).rejects.toBeInstanceOf(FlagVersionConflictError);
    const broken = { ...bannerFlag(true), defaultVariant: "nope" };
    const invalid = admin.writeFlag({
      key: "contested",
      definition: broken,
      expectedVersion: 2,
      updatedBy: "a",
      reason: "test",
    });
    await expect(invalid).rejects.toBeInstanceOf(FlagDefinitionInvalidError);
    expect((await admin.read()).flags.get("contested")).toMatchObject({
      version: 2,
      updatedBy: "b",
    });
    // The audit entry is written in the flag's transaction: refused writes leave none behind.
    const history = await admin.history("contested");
    expect(history.map((change) => [change.version, change.actor])).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
    expect(history[1]).toMatchObject({ before: bannerFlag(false), after: bannerFlag(true) });
  });

  it("keeps a customer's stage when the rollout percentage is lowered, across instances", async () => {
    await admin.writeFlag({
      key: migrationFlagKey,
      definition: rollout(100),
      expectedVersion: 0,
      updatedBy: "it",
      reason: "test",
    });
    const provider = await startedProvider();
    await OpenFeature.setProviderAndWait("flags-it", provider);
    const serviceOn = (app: App) =>
      new CustomerStageService({
        flag: new OpenFeatureMigrationFlag(OpenFeature.getClient("flags-it")),
        assignments: new FirestoreStageAssignmentStore(app),
        verification: { lastVerification: async () => undefined },
        drain: { drainToLegacy: async () => {} },
      });
    expect(await serviceOn(newApp()).currentStage("7000042")).toBe("shadow");

    await admin.writeFlag({
      key: migrationFlagKey,
      definition: rollout(0),
      expectedVersion: 1,
      updatedBy: "it",
      reason: "test",
    });
    await waitFor(
      () => provider.evaluate("string", migrationFlagKey, "", { targetingKey: "7000042" }).value === "off",
      1000,
    );

    const otherInstance = newApp();
    expect(await serviceOn(otherInstance).currentStage("7000042")).toBe("shadow");
    expect(await new FirestoreStageAssignmentStore(otherInstance).get("7000042")).toMatchObject({
      stage: "shadow",
      version: 1,
    });
    const audit = await new FirestoreMigrationAuditLog(otherInstance).listFor("7000042");
    expect(audit).toMatchObject([
      { action: "advance", fromStage: "off", toStage: "shadow", actor: "flag:migration-stage@v1" },
    ]);
  });
});

function bannerFlag(on: boolean) {
  return { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: on ? "on" : "off" };
}
