import type { Message } from "@google-cloud/pubsub";
import { describe, expect, it } from "vitest";
import { ReplayWindows } from "./replay-windows.js";

describe("ReplayWindows", () => {
  const message = (id: string) => ({ id }) as Message;
  const ids = (messages: Message[]) => messages.map((m) => m.id);

  it("replays from an earlier acknowledged message through the newest, keys apart", () => {
    const windows = new ReplayWindows(3);
    for (const id of ["a1", "a2", "a3", "a4"]) windows.record("a", message(id));
    windows.record("b", message("b1"));
    // The window keeps the last 3; the start is one of those before the newest.
    expect(ids(windows.replay("a", () => 0))).toEqual(["a2", "a3", "a4"]);
    expect(ids(windows.replay("a", () => 0.99))).toEqual(["a3", "a4"]);
    expect(ids(windows.replay("b", () => 0.5))).toEqual(["b1"]);
    expect(windows.replay("c", () => 0)).toEqual([]);
  });

  it("never starts after the next message of a replay under way", () => {
    const windows = new ReplayWindows();
    const messages = ["m1", "m2", "m3", "m4"].map(message);
    for (const m of messages) windows.record("a", m);
    expect(ids(windows.replay("a", () => 0.99, messages[1]))).toEqual(["m2", "m3", "m4"]);
    expect(ids(windows.replay("a", () => 0, messages[1]))).toEqual(["m1", "m2", "m3", "m4"]);
  });
});
