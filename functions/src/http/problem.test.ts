import { describe, expect, it } from "vitest";
import { DomainError } from "../domain/domain-error.js";
import { IllegalOrderTransitionError } from "../domain/order-status.js";
import { FlagDefinitionInvalidError, FlagVersionConflictError } from "../flags/flag-errors.js";
import { LegacyRowRejectedError } from "../legacy/mapping/findings.js";
import {
  CustomerNotVerifiedError,
  DrainFailedError,
  InvalidStageTransitionError,
  StageAssignmentConflictError,
} from "../migration/migration-errors.js";
import { type ErrorCode, errorCodes } from "../shared/error-code.js";
import {
  ConfigError,
  ConflictError,
  DependencyUnavailableError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  MethodNotAllowedError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  TooManyRequestsError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from "../shared/errors.js";
import {
  SmsCircuitOpenError,
  SmsProviderUnavailableError,
  SmsRejectedError,
  SmsTemplateError,
} from "../sms/sms-errors.js";
import { ConcurrentApplyError } from "../sync/apply/applied-change-journal.js";
import { PermanentApplyError } from "../sync/apply/apply-errors.js";
import { LedgerLeaseHeldError } from "../sync/ledger/sync-ledger.js";
import { DrainTimeoutError, DrainVerificationFailedError } from "../sync/verify/sync-drain.js";
import { RocDateError } from "../taiwan/roc-date.js";
import { problemBase, statusByCode, toProblem } from "./problem.js";

const issues = [{ path: "/name", message: "required" }];

/** One instance of every error class, with the status and problem type it must answer. */
const examples: [DomainError, number, string][] = [
  [new ValidationError("bad body", issues), 400, "validation-failed"],
  [new UnauthenticatedError("no token"), 401, "unauthenticated"],
  [new ForbiddenError("viewer"), 403, "forbidden"],
  [new NotFoundError("no such customer"), 404, "not-found"],
  [new MethodNotAllowedError("DELETE"), 405, "method-not-allowed"],
  [new ConflictError("exists"), 409, "conflict"],
  [new PreconditionFailedError("stale etag"), 412, "precondition-failed"],
  [new UnsupportedMediaTypeError("text/plain"), 415, "unsupported-media-type"],
  [new IdempotencyKeyReusedError("other body"), 422, "idempotency-key-reused"],
  [new PreconditionRequiredError("If-Match"), 428, "precondition-required"],
  [new TooManyRequestsError("slow down", 30), 429, "rate-limited"],
  [new ConfigError("LEGACY_DATABASE_URL=postgres://user:secret@db"), 500, "config-invalid"],
  [new DependencyUnavailableError("legacy down"), 503, "dependency-unavailable"],
  [new IllegalOrderTransitionError("delivered", "draft"), 409, "order-illegal-transition"],
  [new FlagDefinitionInvalidError(issues), 400, "invalid-flag-definition"],
  [new FlagVersionConflictError("pilot", 1, 2), 412, "version-conflict"],
  [new StageAssignmentConflictError("1000001", 3), 412, "version-conflict"],
  [new InvalidStageTransitionError("1000001", "live", "complete"), 409, "invalid-stage-transition"],
  [new CustomerNotVerifiedError("1000001"), 409, "not-verified"],
  [new DrainFailedError("1000001", new Error("timeout")), 409, "drain-failed"],
  [new ConcurrentApplyError("change-1"), 409, "sync-record-busy"],
  [new LedgerLeaseHeldError("customer:C0001"), 409, "sync-record-busy"],
  [new DrainTimeoutError("1000001", 2), 409, "sync-drain-timeout"],
  [new DrainVerificationFailedError("1000001", 1), 409, "sync-drain-not-equal"],
  [new PermanentApplyError("bad payload"), 500, "sync-permanent-failure"],
  [new SmsTemplateError("missing {name}"), 500, "sms-template-invalid"],
  [new SmsProviderUnavailableError("503 from gateway", "503"), 503, "sms-provider-unavailable"],
  [new SmsRejectedError("invalid number", "k"), 500, "sms-rejected"],
  [new SmsCircuitOpenError(), 503, "sms-circuit-open"],
  [new LegacyRowRejectedError({ code: "client-missing", detail: "1000001" }), 500, "legacy-row-rejected"],
  [new RocDateError("roc-date-blank", ""), 500, "roc-date-blank"],
  [new RocDateError("roc-date-format", "abc"), 500, "roc-date-format"],
  [new RocDateError("roc-date-calendar", "1140230"), 500, "roc-date-calendar"],
  [new RocDateError("roc-time-format", "246000"), 500, "roc-time-format"],
];

describe("statusByCode", () => {
  it.each(errorCodes)("maps %s to an HTTP error status", (code) => {
    const status = statusByCode[code];
    expect(Number.isInteger(status) && status >= 400 && status <= 599).toBe(true);
  });

  it("has exactly the codes of the union, no leftovers", () => {
    expect(Object.keys(statusByCode).sort()).toEqual([...errorCodes].sort());
  });

  it("has an error class raising every code, so no code is dead", () => {
    expect(new Set(examples.map(([error]) => error.code))).toEqual(new Set(errorCodes));
  });

  it("is a type error when a code is missing", () => {
    const { RATE_LIMITED: _omitted, ...withoutRateLimited } = statusByCode;
    // @ts-expect-error a table without RATE_LIMITED is not a Record<ErrorCode, number>
    const table: Record<ErrorCode, number> = withoutRateLimited;
    expect(table).not.toHaveProperty("RATE_LIMITED");
  });
});

describe("toProblem", () => {
  it.each(examples)("answers %o with its status and type", (error, status, kebabCode) => {
    expect(error).toBeInstanceOf(DomainError);
    const problem = toProblem(error, "corr-1", "/v1/x");
    expect(problem).toMatchObject({
      type: `${problemBase}${kebabCode}`,
      title: error.name,
      status,
      instance: "/v1/x",
      correlationId: "corr-1",
    });
    expect(problem.type).toBe(`https://luckygas.example/problems/${kebabCode}`);
  });

  it("shows a client error's message, but not a 500's", () => {
    expect(toProblem(new NotFoundError("no customer C0001"), "c").detail).toBe("no customer C0001");
    const config = toProblem(new ConfigError("LEGACY_DATABASE_URL=postgres://user:secret@db"), "c");
    expect(config.detail).not.toContain("secret");
  });

  it("lists a ValidationError's issues, including a flag definition's", () => {
    expect(toProblem(new ValidationError("bad body", issues), "c").errors).toEqual(issues);
    expect(toProblem(new FlagDefinitionInvalidError(issues), "c")).toMatchObject({
      status: 400,
      errors: issues,
    });
    expect(toProblem(new NotFoundError("x"), "c")).not.toHaveProperty("errors");
  });

  it("keeps the fields the router needs, e.g. Retry-After seconds", () => {
    expect(new TooManyRequestsError("slow down", 30).retryAfterSeconds).toBe(30);
  });

  it.each([
    new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2"),
    Object.assign(new Error("duck-typed code is not trusted"), { code: "NOT_FOUND" }),
    "a thrown string",
    undefined,
  ])("answers anything else (%o) as an internal 500 without its message", (thrown) => {
    const problem = toProblem(thrown, "corr-2");
    expect(problem).toEqual({
      type: `${problemBase}internal`,
      title: "InternalError",
      status: 500,
      detail: "An unexpected error occurred; quote the correlation id when reporting it.",
      instance: undefined,
      correlationId: "corr-2",
    });
  });
});
