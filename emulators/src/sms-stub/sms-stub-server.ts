import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { formatGatewayReply, sendPath } from "../../../functions/src/sms/mitake-protocol.js";
import { controlBodySchema, type SendForm, SmsStubState, sendFormSchema } from "./sms-stub-state.js";

export interface SmsStub {
  url: string;
  port: number;
  state: SmsStubState;
  stop(): Promise<void>;
}

export const stubCredentials = { username: "luckygas-stub", password: "stub-password" };

/**
 * A local stand-in for the third-party bulk-SMS gateway: speaks the same HTTP protocol as
 * the real one (functions/src/sms/mitake-protocol.ts), keeps messages in memory, shows them at
 * GET /messages, and fails on demand via POST /control {mode} so outages can be rehearsed.
 */
export async function startSmsStub(
  options: { port?: number; host?: string; credentials?: { username: string; password: string } } = {},
): Promise<SmsStub> {
  const state = new SmsStubState(options.credentials ?? stubCredentials);
  const server = createServer((req, res) => {
    route(state, req, res).catch((error: unknown) => reply(res, 500, "text/plain", String(error)));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    state,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // requests held by "timeout" mode would keep it open
        server.close(() => resolve());
      }),
  };
}

interface StubReply {
  status: number;
  contentType?: string;
  body?: string;
}

async function route(state: SmsStubState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const answer = await answerFor(state, req);
  // "hold": the timeout mode never answers, so the client's own timeout has to fire.
  if (answer !== "hold") reply(res, answer.status, answer.contentType, answer.body);
}

async function answerFor(state: SmsStubState, req: IncomingMessage): Promise<StubReply | "hold"> {
  const url = new URL(req.url ?? "/", "http://stub");
  const key = `${req.method} ${url.pathname}`;
  if (key === `POST ${sendPath}`) return handleSend(state, await readBody(req));
  if (key === "GET /messages") {
    const body = { messages: state.messages, requests: state.requests, mode: state.mode };
    return { status: 200, contentType: "application/json", body: JSON.stringify(body) };
  }
  if (key === "DELETE /messages") {
    state.clear();
    return { status: 204 };
  }
  if (key === "POST /control") return handleControl(state, await readBody(req));
  return text(404, "not found");
}

function handleControl(state: SmsStubState, body: string): StubReply {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return text(400, "body must be JSON");
  }
  const parsed = controlBodySchema.safeParse(json);
  if (!parsed.success) return text(400, parsed.error.message);
  state.mode = parsed.data.mode;
  return { status: 200, contentType: "application/json", body: JSON.stringify({ mode: state.mode }) };
}

function handleSend(state: SmsStubState, body: string): StubReply | "hold" {
  const parsed = sendFormSchema.safeParse(Object.fromEntries(new URLSearchParams(body)));
  const form: SendForm = parsed.success ? parsed.data : {};
  state.requests.push({
    to: form.dstaddr ?? null,
    clientId: form.clientid ?? null,
    mode: state.mode,
    at: new Date().toISOString(),
  });
  if (!parsed.success) return gatewayReply({ statuscode: "k", Error: "unknown form field" });
  if (state.mode === "timeout") return "hold";
  if (state.mode === "fail-5xx") return text(503, "gateway unavailable");
  const refusal = refusalFor(state, form);
  if (refusal) return gatewayReply(refusal);
  const message = state.accept({
    dstaddr: form.dstaddr ?? "",
    smbody: form.smbody ?? "",
    clientid: form.clientid,
  });
  return gatewayReply({ msgid: message.msgid, statuscode: "1", AccountPoint: "9999" });
}

/** The gateway's own checks, in its order: credentials, then number, then content. */
function refusalFor(state: SmsStubState, form: SendForm): Record<string, string> | undefined {
  if (!form.username) return { statuscode: "c", Error: "username missing" };
  if (!form.password) return { statuscode: "d", Error: "password missing" };
  const { username, password } = state.credentials;
  if (form.username !== username || form.password !== password) {
    return { statuscode: "e", Error: "wrong username or password" };
  }
  if (state.mode === "fail-permanent" || !/^09\d{8}$/.test(form.dstaddr ?? "")) {
    return { statuscode: "v", Error: "invalid phone number" };
  }
  if (!form.smbody) return { statuscode: "u", Error: "empty message" };
  return undefined;
}

function gatewayReply(fields: Record<string, string>): StubReply {
  return { status: 200, contentType: "text/plain; charset=utf-8", body: formatGatewayReply(fields) };
}

function text(status: number, body: string): StubReply {
  return { status, contentType: "text/plain", body };
}

function reply(res: ServerResponse, status: number, contentType?: string, body?: string): void {
  res.writeHead(status, contentType ? { "content-type": contentType } : {});
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
