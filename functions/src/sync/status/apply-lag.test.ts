import { type DocumentData, type DocumentReference, Firestore, Timestamp } from "firebase-admin/firestore";
import { describe, expect, it } from "vitest";
import type { ApplyOutcome } from "../apply/apply-outcome.js";
import type { ChangeMessage } from "../change-message.js";
import {
  appliedSamplesCollection,
  type DocumentSetter,
  lagOfSample,
  writeAppliedSample,
} from "./apply-lag.js";

/** Collects what an apply would commit (a Transaction or WriteBatch in production). */
class ListWriter implements DocumentSetter {
  readonly writes: { path: string; data: DocumentData }[] = [];
  set(ref: DocumentReference, data: DocumentData): void {
    this.writes.push({ path: ref.path, data });
  }
}

// Document references are built locally: nothing here talks to a server.
const db = new Firestore({ projectId: "demo-unit" });

const message = (source: "legacy" | "new"): ChangeMessage => ({
  changeId: "3f1e7a52-5d0c-4f7b-9a55-0d6c8b1e2a10",
  source,
  entity: "customer",
  key: "0100001",
  customerCode: "0100001",
  op: "upsert",
  sourceVersion: 1,
  committedAt: "2026-11-28T12:00:00.000Z",
  data: {},
});

const snapshotOf = (data: DocumentData) => ({ get: (field: string) => data[field] }) as never;

describe("lag samples", () => {
  it("joins the apply's own commit for changes that took effect, keyed by change id, by direction", () => {
    const writer = new ListWriter();
    writeAppliedSample(db, writer, message("new"), "applied");
    writeAppliedSample(db, writer, message("legacy"), "deleted");
    expect(writer.writes.map((w) => w.path)).toEqual([
      `${appliedSamplesCollection}/3f1e7a52-5d0c-4f7b-9a55-0d6c8b1e2a10`,
      `${appliedSamplesCollection}/3f1e7a52-5d0c-4f7b-9a55-0d6c8b1e2a10`,
    ]);
    expect(writer.writes.map((w) => w.data.direction)).toEqual(["new-to-legacy", "legacy-to-new"]);
    const committedAt = writer.writes[0]?.data.committedAt as Timestamp | undefined;
    expect(committedAt?.toDate().toISOString()).toBe("2026-11-28T12:00:00.000Z");
  });

  it("records nothing for duplicates, stale and skipped changes", () => {
    const writer = new ListWriter();
    for (const outcome of ["duplicate", "stale", "skipped-stage"] satisfies ApplyOutcome[])
      writeAppliedSample(db, writer, message("legacy"), outcome);
    expect(writer.writes).toEqual([]);
  });

  it("measures source commit → applied, and ignores incomplete samples", () => {
    const committedAt = Timestamp.fromMillis(1_000);
    expect(lagOfSample(snapshotOf({ committedAt, appliedAt: Timestamp.fromMillis(1_250) }))).toBe(250);
    expect(lagOfSample(snapshotOf({ committedAt }))).toBeNull();
  });
});
