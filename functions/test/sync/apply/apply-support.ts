export { eventually } from "../../support/eventually.js";

import { randomUUID } from "node:crypto";
import type { ChangeMessage } from "../../../src/sync/change-message.js";
import type { RunningFunction } from "../../support/function-harness.js";

/**
 * POSTs exactly the body the Pub/Sub emulator pushes, to the path functions-framework turns
 * into a CloudEvent (`/projects/<project>/topics/<topic>`). Returns the HTTP status: 2xx acks.
 */
export async function pushRaw(
  fn: RunningFunction,
  projectId: string,
  topic: string,
  data: string,
  attributes: Record<string, string> = {},
): Promise<number> {
  const messageId = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const response = await fetch(`${fn.url}projects/${projectId}/topics/${topic}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      message: { data, attributes, messageId, message_id: messageId, publishTime: new Date().toISOString() },
      subscription: `projects/${projectId}/subscriptions/${topic}-apply`,
    }),
  });
  await response.arrayBuffer();
  return response.status;
}

export function pushChange(fn: RunningFunction, projectId: string, message: ChangeMessage): Promise<number> {
  const topic = message.source === "legacy" ? "legacy-changes" : "new-changes";
  const data = Buffer.from(JSON.stringify(message)).toString("base64");
  return pushRaw(fn, projectId, topic, data, {
    source: message.source,
    entity: message.entity,
    customerCode: message.customerCode,
    changeId: message.changeId,
  });
}

export function change(
  overrides: Partial<ChangeMessage> & Pick<ChangeMessage, "source" | "entity" | "key" | "customerCode">,
): ChangeMessage {
  return {
    changeId: randomUUID(),
    op: "upsert",
    sourceVersion: 1,
    committedAt: new Date().toISOString(),
    data: null,
    ...overrides,
  };
}
