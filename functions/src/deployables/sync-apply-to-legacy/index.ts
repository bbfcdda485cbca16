import { type CloudEvent, cloudEvent } from "@google-cloud/functions-framework";
import { SecretManagerReader } from "../../adapters/secret-manager-reader.js";
import { parseFunctionEnv } from "../../shared/config.js";
import { resolveLegacyDatabaseUrl } from "../../shared/secrets.js";
import { composeApplyToLegacy } from "./compose.js";

// Validated at cold start: a bad environment fails the deployment, not the first message.
const config = parseFunctionEnv();
const handlerPromise = resolveLegacyDatabaseUrl(config, new SecretManagerReader()).then((url) =>
  composeApplyToLegacy(config, url),
);

/** Push from `new-changes-apply`: returning acknowledges; throwing answers 500 and Pub/Sub redelivers. */
cloudEvent("syncApplyToLegacy", async (event: CloudEvent<unknown>) => {
  const handler = await handlerPromise;
  await handler.handle(event.data);
});
