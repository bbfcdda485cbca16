import { describe, expect, it } from "vitest";
import { ApiError, describeProblem } from "./api-error.js";

describe("describeProblem", () => {
  it("puts status, title, detail, field errors and the correlation id on one line", () => {
    const problem = {
      type: "https://luckygas.example/problems/validation-failed",
      title: "ValidationError",
      status: 400,
      detail: "Invalid request body.",
      correlationId: "abc123",
      errors: [
        { path: "body.percent", message: "percent is at most 100" },
        { path: "body.reason", message: "must not be blank\nat all" },
      ],
    };
    expect(describeProblem(400, problem)).toBe(
      "400 ValidationError: Invalid request body. (body.percent: percent is at most 100; body.reason: must not be blank; at all) [correlation id abc123]",
    );
  });

  it("still says something useful when the body is no problem document", () => {
    expect(describeProblem(502, "<html>\nBad gateway</html>")).toBe("502 <html>; Bad gateway</html>");
    expect(describeProblem(500, undefined)).toBe("500 the API answered without a problem document");
  });

  it("is the message of an ApiError, which keeps the problem and exits 1", () => {
    const error = new ApiError(404, { title: "NotFoundError", status: 404, detail: "No cohort x" });
    expect(error.message).toBe("404 NotFoundError: No cohort x");
    expect(error.exitCode).toBe(1);
    expect(error.problem?.detail).toBe("No cohort x");
  });
});
