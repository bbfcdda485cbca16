import { z } from "zod";

export const stubModeSchema = z.enum(["ok", "fail-5xx", "timeout", "fail-permanent"]);
export type StubMode = z.infer<typeof stubModeSchema>;
export const controlBodySchema = z.strictObject({ mode: stubModeSchema });

export const sendFormSchema = z.strictObject({
  username: z.string().optional(),
  password: z.string().optional(),
  dstaddr: z.string().optional(),
  smbody: z.string().optional(),
  clientid: z.string().optional(),
});
export type SendForm = z.infer<typeof sendFormSchema>;

export interface StubMessage {
  msgid: string;
  to: string;
  message: string;
  clientId: string | null;
  receivedAt: string;
}

/** Every send request as it arrived, whatever the answer: lets tests count retries. */
export interface StubRequest {
  to: string | null;
  clientId: string | null;
  mode: StubMode;
  at: string;
}

/** What the gateway stand-in remembers; all in memory, gone when it stops. */
export class SmsStubState {
  mode: StubMode = "ok";
  readonly messages: StubMessage[] = [];
  readonly requests: StubRequest[] = [];
  private nextId = 1;

  constructor(readonly credentials: { username: string; password: string }) {}

  /** Accepts a message, or returns the earlier one with the same clientid (the gateway de-duplicates). */
  accept(form: Required<Pick<SendForm, "dstaddr" | "smbody">> & { clientid?: string }): StubMessage {
    const earlier = form.clientid ? this.messages.find((m) => m.clientId === form.clientid) : undefined;
    if (earlier) return earlier;
    const message: StubMessage = {
      msgid: `#${String(this.nextId++).padStart(9, "0")}`,
      to: form.dstaddr,
      message: form.smbody,
      clientId: form.clientid ?? null,
      receivedAt: new Date().toISOString(),
    };
    this.messages.push(message);
    return message;
  }

  clear(): void {
    this.messages.length = 0;
    this.requests.length = 0;
    this.mode = "ok";
  }
}
