import { describe, expect, it } from "vitest";
import { dstaddrOf, formatGatewayReply, outcomeOf, parseGatewayReply } from "./mitake-protocol.js";

describe("gateway reply", () => {
  it("parses the [1] / key=value answer, CRLF or LF", () => {
    expect(parseGatewayReply("[1]\r\nmsgid=#004521867\r\nstatuscode=1\r\nAccountPoint=98\r\n")).toEqual({
      msgid: "#004521867",
      statuscode: "1",
      AccountPoint: "98",
    });
    expect(parseGatewayReply("statuscode=e\nError=帳號、密碼錯誤=x")).toEqual({
      statuscode: "e",
      Error: "帳號、密碼錯誤=x",
    });
  });

  it("round-trips what the stub writes", () => {
    const fields = { msgid: "#000000001", statuscode: "1" };
    expect(parseGatewayReply(formatGatewayReply(fields))).toEqual(fields);
  });

  it("classifies status codes, and treats unknown ones as permanent so nothing is sent twice blind", () => {
    expect(outcomeOf("1").outcome).toBe("sent");
    expect(outcomeOf("4").outcome).toBe("delivered");
    expect(outcomeOf("*").outcome).toBe("retryable");
    expect(outcomeOf("r").outcome).toBe("retryable");
    expect(outcomeOf("e").outcome).toBe("permanent");
    expect(outcomeOf("v").outcome).toBe("permanent");
    expect(outcomeOf("zz")).toEqual({ outcome: "permanent", meaning: "unknown status zz" });
  });
});

describe("dstaddrOf", () => {
  it.each(["0912345678", "+886912345678", "+886-912-345-678", "+886 912 345 678", "0912-345-678"])(
    "sends %s as the 10-digit national mobile the gateway expects",
    (to) => {
      expect(dstaddrOf(to)).toBe("0912345678");
    },
  );

  it("passes anything that is not one mobile number through, so the gateway rejects it (statuscode v)", () => {
    expect(dstaddrOf("089-345678")).toBe("089-345678");
    expect(dstaddrOf("+886 12345")).toBe("+886 12345");
  });
});
