import { describe, expect, it } from "vitest";
import type { Driver } from "../domain/driver.js";
import { CachedDriverNames, type DriverSource } from "./cached-driver-names.js";

class CountingDrivers implements DriverSource {
  reads = 0;
  failing = false;
  list: Driver[] = [{ code: "DR01", name: "王小明", phone: null, plate: null }];
  async drivers(): Promise<Driver[]> {
    this.reads += 1;
    if (this.failing) throw new Error("legacy down");
    return this.list;
  }
}

describe("CachedDriverNames", () => {
  it("reads the list once per TTL and sees renames after it", async () => {
    let clock = 0;
    const source = new CountingDrivers();
    const names = new CachedDriverNames(source, 1_000, () => clock);
    expect(await names.nameOf("DR01")).toBe("王小明");
    expect(await names.nameOf("DR02")).toBeUndefined();
    expect(source.reads).toBe(1);
    source.list = [{ code: "DR01", name: "王大明", phone: null, plate: null }];
    clock = 1_000;
    expect(await names.nameOf("DR01")).toBe("王大明");
    expect(source.reads).toBe(2);
  });

  it("keeps the last good list when a re-read fails, and answers undefined with none", async () => {
    let clock = 0;
    const source = new CountingDrivers();
    const names = new CachedDriverNames(source, 1_000, () => clock);
    source.failing = true;
    expect(await names.nameOf("DR01")).toBeUndefined();
    source.failing = false;
    expect(await names.nameOf("DR01")).toBe("王小明");
    source.failing = true;
    clock = 5_000;
    expect(await names.nameOf("DR01")).toBe("王小明");
  });
});
