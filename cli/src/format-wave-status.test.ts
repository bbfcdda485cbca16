import { describe, expect, it } from "vitest";
import { formatWaveStatus, waveEtaSeconds, waveStatusSchema } from "./format-wave-status.js";

const wave = waveStatusSchema.parse({
  id: "w1",
  cohortId: "c1",
  stage: "dualwrite",
  status: "running",
  progress: { done: 120, total: 500, etaSeconds: 130 },
  gates: [
    { name: "verification", ok: true },
    { name: "open conflicts", ok: false, reasons: ["2 open conflicts for 0000007"] },
  ],
  customers: { off: 380, dualwrite: 120 },
});

describe("formatWaveStatus", () => {
  it("shows stage, status, progress with ETA, customers per stage and each gate", () => {
    expect(formatWaveStatus(wave)).toBe(
      [
        "wave w1 (cohort c1): stage dualwrite, running",
        "progress 120/500 (24.0%), ETA 2m 10s",
        "customers by stage: off 380, dualwrite 120",
        "",
        "gate            state  detail",
        "--------------  -----  ----------------------------",
        "verification    pass",
        "open conflicts  FAIL   2 open conflicts for 0000007",
      ].join("\n"),
    );
  });

  it("leaves out what the wave does not have yet", () => {
    const idle = waveStatusSchema.parse({ id: "w2", stage: "off", status: "idle" });
    expect(formatWaveStatus(idle)).toBe("wave w2: stage off, idle");
  });
});

describe("waveEtaSeconds", () => {
  it("prefers the API's ETA and otherwise divides what is left by the observed rate", () => {
    expect(waveEtaSeconds(wave, 1)).toBe(130);
    const noEta = { ...wave, progress: { done: 100, total: 500, etaSeconds: null } };
    expect(waveEtaSeconds(noEta, 20)).toBe(20);
    expect(waveEtaSeconds(noEta, undefined)).toBeUndefined();
    expect(waveEtaSeconds(noEta, 0)).toBeUndefined();
  });
});
