import { SmsProviderUnavailableError } from "./sms-errors.js";
import type { SmsAccepted, SmsProvider, SmsRequest } from "./sms-provider.js";

/** What the fake does with the next call: accept, throw, or hang until aborted. */
export type FakeOutcome = "accept" | Error | "hang";

/**
 * SmsProvider for unit tests: answers from a script (then from `fallback`) and records every
 * request it was given, so tests can count attempts.
 */
export class FakeSmsProvider implements SmsProvider {
  readonly name = "fake";
  readonly requests: SmsRequest[] = [];
  private readonly script: FakeOutcome[] = [];
  private nextId = 1;

  constructor(public fallback: FakeOutcome = "accept") {}

  willAnswer(...outcomes: FakeOutcome[]): this {
    this.script.push(...outcomes);
    return this;
  }

  async send(request: SmsRequest, signal?: AbortSignal): Promise<SmsAccepted> {
    this.requests.push(request);
    // Like fetch: a call started with an already-aborted signal fails at once.
    if (signal?.aborted) throw new SmsProviderUnavailableError("aborted by timeout", "timeout");
    const outcome = this.script.shift() ?? this.fallback;
    if (outcome instanceof Error) throw outcome;
    if (outcome === "hang") return hangUntilAborted(signal);
    return { providerMessageId: `fake-${this.nextId++}`, status: "sent" };
  }
}

/** Like the HTTP adapter: an aborted call is a retryable timeout. */
function hangUntilAborted(signal?: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener(
      "abort",
      () => reject(new SmsProviderUnavailableError("aborted by timeout", "timeout")),
      { once: true },
    );
  });
}
