import { ValidationError } from "../shared/errors.js";

/** RFC 9457 problem details: the one shape every error answer of the API takes. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  correlationId: string;
  errors?: { path: string; message: string }[];
}

const problemBase = "https://luckygas.example/problems/";

/** The single table from domain error codes to HTTP statuses. */
const statusByCode: Record<string, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  PRECONDITION_FAILED: 412,
  PRECONDITION_REQUIRED: 428,
  VERSION_CONFLICT: 412,
  ORDER_ILLEGAL_TRANSITION: 409,
  INVALID_STAGE_TRANSITION: 409,
  INVALID_FLAG_DEFINITION: 400,
  INVALID_FLAG_KEY: 400,
  NOT_VERIFIED: 409,
  DRAIN_FAILED: 409,
  CONFIG_INVALID: 500,
  UNSUPPORTED_MEDIA_TYPE: 415,
  DEPENDENCY_UNAVAILABLE: 503,
  SYNC_DRAIN_TIMEOUT: 409,
  SYNC_DRAIN_NOT_EQUAL: 409,
  SYNC_RECORD_BUSY: 409,
};

function kebab(code: string): string {
  return code.toLowerCase().replaceAll("_", "-");
}

/** Errors across features are classes with a stable string `code`; that code alone decides the status. */
function codeOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as Error & { code?: unknown }).code;
  return typeof code === "string" && code in statusByCode ? code : undefined;
}

export function toProblem(error: unknown, correlationId: string, instance?: string): Problem {
  const code = codeOf(error);
  if (error instanceof Error && code) {
    const status = statusByCode[code] ?? 500;
    return {
      type: `${problemBase}${kebab(code)}`,
      title: error.name,
      status,
      detail: error.message,
      instance,
      correlationId,
      ...(error instanceof ValidationError ? { errors: error.issues } : {}),
    };
  }
  return {
    type: `${problemBase}internal`,
    title: "InternalError",
    status: 500,
    detail: "An unexpected error occurred; quote the correlation id when reporting it.",
    instance,
    correlationId,
  };
}
