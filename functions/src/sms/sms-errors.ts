import { DomainError } from "../domain/domain-error.js";

/** A template was rendered without one of its placeholders, or with one it does not have. */
export class SmsTemplateError extends DomainError {
  constructor(message: string) {
    super("SMS_TEMPLATE_INVALID", message);
  }
}

/**
 * The gateway could not take the message now (5xx, timeout, network, "service paused"):
 * the same request may succeed later, so it is retried and counts towards the breaker.
 */
export class SmsProviderUnavailableError extends DomainError {
  constructor(
    message: string,
    readonly providerCode: string,
  ) {
    super("SMS_PROVIDER_UNAVAILABLE", message);
  }
}

/** The gateway refused the message for good (invalid number, bad credentials, bad content). */
export class SmsRejectedError extends DomainError {
  constructor(
    message: string,
    readonly providerCode: string,
  ) {
    super("SMS_REJECTED", message);
  }
}

/** The breaker is open: the provider was not called at all. */
export class SmsCircuitOpenError extends DomainError {
  constructor() {
    super("SMS_CIRCUIT_OPEN", "SMS provider circuit is open; message not sent");
  }
}
