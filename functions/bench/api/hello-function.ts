import { http } from "@google-cloud/functions-framework";

/** The cold-start baseline: a bare functions-framework hello world (bundled as the deployables are). */
http("benchHello", (_req, res) => {
  res.send("hello");
});
