import { http } from "@google-cloud/functions-framework";
import { SecretManagerReader } from "../../adapters/secret-manager-reader.js";
import type { FrameworkRequest, FrameworkResponse } from "../../http/router.js";
import { parseFunctionEnv } from "../../shared/config.js";
import { resolveLegacyDatabaseUrl, resolvePageTokenKey } from "../../shared/secrets.js";
import { composeApi } from "./compose.js";

// Validated at cold start: a bad environment fails the deployment, not the first request.
const config = parseFunctionEnv();
const secrets = new SecretManagerReader();
const routerPromise = Promise.all([
  resolveLegacyDatabaseUrl(config, secrets),
  resolvePageTokenKey(config, secrets),
]).then(([legacyDatabaseUrl, pageTokenKey]) => composeApi(config, { legacyDatabaseUrl, pageTokenKey }));

http("api", async (req, res) => {
  const router = await routerPromise;
  await router.handle(req as unknown as FrameworkRequest, res as unknown as FrameworkResponse);
});
