/** One message to one handset; `to` is national digits (0912345678). */
export interface SmsRequest {
  to: string;
  message: string;
  /**
   * Our id for this message; the gateway ignores a second submission with the same id,
   * so a retry after a lost response does not text the customer twice.
   */
  clientId: string;
}

export interface SmsAccepted {
  providerMessageId: string;
  /** "sent": handed to the carrier; "delivered": the gateway already has a handset receipt. */
  status: "sent" | "delivered";
}

/**
 * Port to a bulk-SMS gateway. Implementations throw SmsProviderUnavailableError when a
 * retry may succeed and SmsRejectedError when it never will; `signal` aborts the call.
 */
export interface SmsProvider {
  readonly name: string;
  send(request: SmsRequest, signal?: AbortSignal): Promise<SmsAccepted>;
}
