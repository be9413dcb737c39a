import { existsSync } from "node:fs";
import { mkdir, stat, utimes } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WRITE_LOCK, withWriteLock } from "../../src/indexing/write-lock.js";
import { scratchDir } from "../helpers/paths.js";

describe("the write lock of an index folder", () => {
  it("runs changes one after the other, in the order asked", async () => {
    const dir = await scratchDir();
    const events: string[] = [];
    const change = (name: string, ms: number) =>
      withWriteLock(dir, async () => {
        events.push(`${name} starts`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        events.push(`${name} ends`);
        return name;
      });
    expect(await Promise.all([change("a", 30), change("b", 1), change("c", 1)])).toEqual(["a", "b", "c"]);
    expect(events).toEqual(["a starts", "a ends", "b starts", "b ends", "c starts", "c ends"]);
    expect(existsSync(join(dir, WRITE_LOCK))).toBe(false);
  });

  it("waits for a lock another process holds, and takes over one whose holder died", async () => {
    const dir = await scratchDir();
    // A lock nobody refreshes: its holder was killed long ago.
    await mkdir(join(dir, WRITE_LOCK));
    const old = new Date(Date.now() - 60_000);
    await utimes(join(dir, WRITE_LOCK), old, old);
    let waited = false;
    expect(await withWriteLock(dir, async () => "done", { onWait: () => (waited = true) })).toBe("done");
    expect(waited).toBe(false);
    // A fresh one (another process at work) is waited for, and given up on after waitMs.
    await mkdir(join(dir, WRITE_LOCK));
    await expect(withWriteLock(dir, async () => "never", { waitMs: 300, onWait: () => (waited = true) })).rejects.toThrow(/another instance/);
    expect(waited).toBe(true);
  });

  it("stays fresh while its holder's main thread is busy, so no one takes it over", async () => {
    const dir = await scratchDir();
    await withWriteLock(dir, async () => {
      const before = (await stat(join(dir, WRITE_LOCK))).mtimeMs;
      // The main thread blocked for 4.5 s, as a large index build blocks it: the heartbeat runs in a thread of its own.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 4500);
      expect((await stat(join(dir, WRITE_LOCK))).mtimeMs).toBeGreaterThan(before + 1000);
    });
  });

  it("leaves no folder behind when the work wrote nothing, and a failure in the work releases the lock", async () => {
    const dir = join(await scratchDir(), "new", "index");
    await expect(withWriteLock(dir, async () => Promise.reject(new Error("build failed")))).rejects.toThrow("build failed");
    expect(existsSync(join(dir, ".."))).toBe(false);
    expect(await withWriteLock(dir, async () => "next")).toBe("next");
  });
});
