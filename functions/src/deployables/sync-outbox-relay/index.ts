import { http } from "@google-cloud/functions-framework";
import type { FrameworkRequest, FrameworkResponse } from "../../http/router.js";
import { parseFunctionEnv } from "../../shared/config.js";
import { composeOutboxRelay } from "./compose.js";

// Validated at cold start: a bad environment fails the deployment, not the first drain.
const router = composeOutboxRelay(parseFunctionEnv());

http("syncOutboxRelay", async (req, res) => {
  await router.handle(req as unknown as FrameworkRequest, res as unknown as FrameworkResponse);
});
