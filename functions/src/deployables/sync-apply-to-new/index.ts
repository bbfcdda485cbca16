import { type CloudEvent, cloudEvent } from "@google-cloud/functions-framework";
import { parseFunctionEnv } from "../../shared/config.js";
import { composeApplyToNew } from "./compose.js";

// Validated at cold start: a bad environment fails the deployment, not the first message.
const handler = composeApplyToNew(parseFunctionEnv());

/** Push from `legacy-changes-apply`: returning acknowledges; throwing answers 500 and Pub/Sub redelivers. */
cloudEvent("syncApplyToNew", async (event: CloudEvent<unknown>) => {
  await handler.handle(event.data);
});
