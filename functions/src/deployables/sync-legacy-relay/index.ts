import { http } from "@google-cloud/functions-framework";
import { SecretManagerReader } from "../../adapters/secret-manager-reader.js";
import type { FrameworkRequest, FrameworkResponse } from "../../http/router.js";
import { parseFunctionEnv } from "../../shared/config.js";
import { resolveLegacyDatabaseUrl } from "../../shared/secrets.js";
import { composeLegacyRelay } from "./compose.js";

// Validated at cold start: a bad environment fails the deployment, not the first drain.
const config = parseFunctionEnv();
const routerPromise = resolveLegacyDatabaseUrl(config, new SecretManagerReader()).then((url) =>
  composeLegacyRelay(config, url),
);
// A relay that cannot start (capture not installed, database unreachable) stops with the reason in
// its log instead of answering every scheduled call with a 500 that says nothing.
routerPromise.catch((error: unknown) => {
  console.error(
    JSON.stringify({ severity: "ERROR", message: `syncLegacyRelay cannot start: ${String(error)}` }),
  );
  process.exit(1);
});

http("syncLegacyRelay", async (req, res) => {
  const router = await routerPromise;
  await router.handle(req as unknown as FrameworkRequest, res as unknown as FrameworkResponse);
});
