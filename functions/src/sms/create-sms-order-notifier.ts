import type { Firestore } from "firebase-admin/firestore";
import type { OrderNotifier } from "../orders/order-notifier.js";
import type { FunctionEnv } from "../shared/config.js";
import type { Logger } from "../shared/logger.js";
import type { SecretReader } from "../shared/secrets.js";
import { FirestoreSmsLogStore } from "./firestore-sms-log-store.js";
import { HttpSmsProvider } from "./http-sms-provider.js";
import type { DriverNames } from "./order-sms-values.js";
import {
  defaultSmsResilience,
  ResilientSmsSender,
  type SmsResilienceOptions,
} from "./resilient-sms-sender.js";
import { smsCredentialsSource } from "./sms-credentials.js";
import type { SmsLogStore } from "./sms-log-store.js";
import { SmsOrderNotifier } from "./sms-order-notifier.js";
import type { SmsProvider } from "./sms-provider.js";

export interface SmsOrderNotifierDeps {
  provider: SmsProvider;
  logs: SmsLogStore;
  logger: Logger;
  /** NT$ per segment, decimal text. */
  pricePerSegment: string;
  resilience?: Partial<SmsResilienceOptions>;
  drivers?: DriverNames;
}

/** Builds the notifier from ports; call once per process so the circuit breaker is shared. */
export function createSmsOrderNotifier(deps: SmsOrderNotifierDeps): OrderNotifier {
  const sender = new ResilientSmsSender(deps.provider, deps.logs, deps.pricePerSegment, {
    ...defaultSmsResilience,
    ...deps.resilience,
  });
  return new SmsOrderNotifier(sender, deps.logger, deps.drivers);
}

/**
 * The production wiring from the function environment: HTTP gateway at SMS_PROVIDER_URL,
 * credentials from env or Secret Manager, logs in Firestore `smsLogs`. Without
 * SMS_PROVIDER_URL order SMS is switched off (said once in the log) and transitions go on.
 */
export function createSmsOrderNotifierFromConfig(
  config: FunctionEnv,
  deps: { db: Firestore; secrets: SecretReader; logger: Logger; drivers?: DriverNames },
): OrderNotifier {
  if (!config.SMS_PROVIDER_URL) {
    deps.logger.log("WARNING", "SMS_PROVIDER_URL is not set: order SMS notifications are switched off");
    return { orderStatusChanged: async () => undefined };
  }
  const provider = new HttpSmsProvider({
    baseUrl: config.SMS_PROVIDER_URL,
    credentials: smsCredentialsSource(config, deps.secrets),
  });
  return createSmsOrderNotifier({
    provider,
    logs: new FirestoreSmsLogStore(deps.db),
    logger: deps.logger,
    pricePerSegment: config.SMS_PRICE_PER_SEGMENT,
    drivers: deps.drivers,
  });
}
