import type { StubMode } from "../../../emulators/src/sms-stub/sms-stub-state.js";

interface StubView {
  messages: { msgid: string; to: string; message: string; clientId: string | null }[];
  requests: { to: string | null; clientId: string | null; mode: StubMode }[];
  mode: StubMode;
}

/** Talks to the stub gateway over HTTP only, as an operator or a test outside its process would. */
export class SmsGatewayClient {
  constructor(private readonly baseUrl: string) {}

  async view(): Promise<StubView> {
    const response = await fetch(new URL("/messages", this.baseUrl));
    if (!response.ok) throw new Error(`GET /messages answered ${response.status}`);
    return (await response.json()) as StubView;
  }

  async setMode(mode: StubMode): Promise<void> {
    const response = await this.control({ mode });
    if (!response.ok) throw new Error(`POST /control answered ${response.status}`);
  }

  control(body: unknown): Promise<Response> {
    return fetch(new URL("/control", this.baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  async reset(): Promise<void> {
    await fetch(new URL("/messages", this.baseUrl), { method: "DELETE" });
  }
}
