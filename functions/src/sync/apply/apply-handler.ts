import type { Logger } from "../../shared/logger.js";
import type { ChangeMessage } from "../change-message.js";
import { isPermanentDatabaseError, PermanentApplyError } from "./apply-errors.js";
import type { ApplyOutcome } from "./apply-outcome.js";
import type { DeadLetterSink } from "./dead-letters.js";
import { type DeadLetterSource, deadLetterSourceOf, decodePush } from "./push-envelope.js";

export interface ChangeApplier {
  apply(message: ChangeMessage): Promise<ApplyOutcome>;
}

export type HandledPush = ApplyOutcome | "dead-lettered";

/**
 * One push delivery: a message that can never apply is acknowledged and kept as a dead letter;
 * anything else that fails throws, so the framework answers non-2xx and Pub/Sub redelivers.
 * A change that kept failing until its subscription's last attempt comes back once more, from
 * the dead-letter topic's intake subscription (infra/pubsub/topology.json): it is kept as a
 * dead letter too, never applied from there, so operators see it and can replay it.
 */
export class ApplyPushHandler {
  constructor(
    private readonly functionName: string,
    private readonly applier: ChangeApplier,
    private readonly deadLetters: DeadLetterSink,
    private readonly logger: Logger,
  ) {}

  async handle(eventData: unknown): Promise<HandledPush> {
    const decoded = decodePush(eventData);
    if (!decoded.ok) {
      await this.deadLetters.record({ function: this.functionName, ...decoded });
      this.logger.log("WARNING", "sync message dead-lettered", {
        reason: decoded.reason,
        messageId: decoded.messageId,
      });
      return "dead-lettered";
    }
    const { message } = decoded;
    const exhausted = deadLetterSourceOf(decoded.attributes);
    if (exhausted) return this.keep(message, decoded.messageId, exhaustedReason(exhausted));
    try {
      const outcome = await this.applier.apply(message);
      this.logger.log("INFO", "sync change handled", {
        outcome,
        changeId: message.changeId,
        entity: message.entity,
        key: message.key,
        sourceVersion: message.sourceVersion,
      });
      return outcome;
    } catch (error) {
      if (!(error instanceof PermanentApplyError) && !isPermanentDatabaseError(error)) throw error;
      return this.keep(message, decoded.messageId, (error as Error).message);
    }
  }

  private async keep(message: ChangeMessage, messageId: string | undefined, reason: string) {
    await this.deadLetters.record({
      function: this.functionName,
      reason,
      raw: message,
      messageId,
      customerCode: message.customerCode,
      changeId: message.changeId,
    });
    this.logger.log("WARNING", "sync change dead-lettered", { changeId: message.changeId, reason });
    return "dead-lettered" as const;
  }
}

function exhaustedReason(source: DeadLetterSource): string {
  const attempts = source.deliveryCount === null ? "" : ` after ${source.deliveryCount} attempts`;
  return `delivery-attempts-exhausted: failed on ${source.subscription}${attempts}`;
}
