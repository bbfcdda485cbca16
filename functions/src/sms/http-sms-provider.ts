import { dstaddrOf, outcomeOf, parseGatewayReply, sendPath } from "./mitake-protocol.js";
import { SmsProviderUnavailableError, SmsRejectedError } from "./sms-errors.js";
import type { SmsAccepted, SmsProvider, SmsRequest } from "./sms-provider.js";

export interface SmsCredentials {
  username: string;
  password: string;
}

export interface HttpSmsProviderOptions {
  /** Gateway origin, e.g. https://smsapi.mitake.com.tw or the local stub's URL. */
  baseUrl: string;
  /** Called per send (cache inside); lets credentials come from Secret Manager without an async composition root. */
  credentials: () => Promise<SmsCredentials>;
  name?: string;
}

/** SmsProvider over the gateway's HTTP form API (see mitake-protocol.ts for the wire format). */
export class HttpSmsProvider implements SmsProvider {
  readonly name: string;

  constructor(private readonly options: HttpSmsProviderOptions) {
    this.name = options.name ?? "mitake-http";
  }

  async send(request: SmsRequest, signal?: AbortSignal): Promise<SmsAccepted> {
    const response = await this.post(request, signal);
    const body = await response.text().catch(() => "");
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      throw new SmsProviderUnavailableError(
        `gateway answered HTTP ${response.status}`,
        `http-${response.status}`,
      );
    }
    if (!response.ok) {
      throw new SmsRejectedError(
        `gateway refused the request with HTTP ${response.status}`,
        `http-${response.status}`,
      );
    }
    return acceptedFrom(parseGatewayReply(body));
  }

  private async post(request: SmsRequest, signal?: AbortSignal): Promise<Response> {
    const url = new URL(sendPath, this.options.baseUrl);
    url.searchParams.set("CharsetURL", "UTF-8");
    const { username, password } = await this.options.credentials();
    const form = new URLSearchParams({
      username,
      password,
      dstaddr: dstaddrOf(request.to),
      smbody: request.message,
      clientid: request.clientId,
    });
    try {
      return await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
        body: form,
        signal,
      });
    } catch (error) {
      // Network failures and aborts (our timeout) both mean "the gateway may be fine later".
      const reason = signal?.aborted ? "timeout" : "network";
      throw new SmsProviderUnavailableError(`gateway not reachable (${reason}): ${String(error)}`, reason);
    }
  }
}

function acceptedFrom(fields: Record<string, string>): SmsAccepted {
  const statusCode = fields.statuscode;
  if (statusCode === undefined) {
    throw new SmsProviderUnavailableError("gateway reply has no statuscode", "malformed-reply");
  }
  const { outcome, meaning } = outcomeOf(statusCode);
  if (outcome === "retryable") throw new SmsProviderUnavailableError(`gateway: ${meaning}`, statusCode);
  if (outcome === "permanent") throw new SmsRejectedError(`gateway: ${meaning}`, statusCode);
  const providerMessageId = fields.msgid;
  if (!providerMessageId) {
    throw new SmsProviderUnavailableError(
      "gateway accepted the message but sent no msgid",
      "malformed-reply",
    );
  }
  return { providerMessageId, status: outcome };
}
