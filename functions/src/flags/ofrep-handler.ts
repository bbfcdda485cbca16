import { ErrorCode, type EvaluationContext, StandardResolutionReasons } from "@openfeature/server-sdk";
import { z } from "zod";
import type { InMemoryFlagProvider } from "./in-memory-flag-provider.js";

/** OFREP request body: `{ context }` (absent context means an empty one). */
const ofrepRequestSchema = z.object({
  context: z.record(z.string(), z.json()).optional(),
});

export interface OfrepSuccess {
  key: string;
  value: unknown;
  reason: string;
  variant?: string;
  metadata: Record<string, unknown>;
}

export interface OfrepFailure {
  key?: string;
  errorCode: string;
  errorDetails: string;
}

export interface OfrepResponse {
  status: 200 | 400 | 404;
  body: OfrepSuccess | OfrepFailure | { flags: (OfrepSuccess | OfrepFailure)[] };
}

/**
 * The OpenFeature Remote Evaluation Protocol as a pure function, for the API to mount:
 * `POST /ofrep/v1/evaluate/flags/{key}` → evaluateOfrep(provider, key, body) and
 * `POST /ofrep/v1/evaluate/flags` → evaluateOfrep(provider, undefined, body).
 * A disabled flag answers FLAG_NOT_FOUND so the remote client serves its own default, as the
 * in-process SDK does, and is left out of bulk results.
 */
export function evaluateOfrep(
  provider: InMemoryFlagProvider,
  key: string | undefined,
  body: unknown,
): OfrepResponse {
  const request = ofrepRequestSchema.safeParse(body ?? {});
  if (!request.success) {
    const errorDetails = `invalid request body: ${request.error.issues[0]?.message ?? "malformed"}`;
    return {
      status: 400,
      body: { ...(key === undefined ? {} : { key }), errorCode: ErrorCode.INVALID_CONTEXT, errorDetails },
    };
  }
  // zod has checked the values are JSON; OpenFeature's context type is JSON plus Date.
  const context = (request.data.context ?? {}) as EvaluationContext;
  if (key !== undefined) return single(provider, key, context);
  const flags = provider
    .flagKeys()
    .map((flagKey) => single(provider, flagKey, context))
    .filter((response) => response.status !== 404)
    .map((response) => response.body as OfrepSuccess | OfrepFailure);
  return { status: 200, body: { flags } };
}

function single(provider: InMemoryFlagProvider, key: string, context: EvaluationContext): OfrepResponse {
  const details = provider.evaluateUntyped(key, context);
  if (details === undefined) return notFound(key, `flag '${key}' not found`);
  if (details.reason === StandardResolutionReasons.DISABLED)
    return notFound(key, `flag '${key}' is disabled`);
  if (details.errorCode !== undefined) {
    const errorDetails = details.errorMessage ?? details.errorCode;
    if (details.errorCode === ErrorCode.FLAG_NOT_FOUND) return notFound(key, errorDetails);
    return { status: 400, body: { key, errorCode: details.errorCode, errorDetails } };
  }
  const success: OfrepSuccess = {
    key,
    value: details.value,
    reason: details.reason ?? StandardResolutionReasons.UNKNOWN,
    metadata: { ...details.flagMetadata },
  };
  if (details.variant !== undefined) success.variant = details.variant;
  return { status: 200, body: success };
}

function notFound(key: string, errorDetails: string): OfrepResponse {
  return { status: 404, body: { key, errorCode: ErrorCode.FLAG_NOT_FOUND, errorDetails } };
}
