/**
 * Real file systems that refuse writes, for the tests of what a failed write leaves behind: a
 * tiny tmpfs that fills up (ENOSPC), the same made read-only (EROFS). Mounting needs root; where
 * it cannot be done, the suites that need it are skipped, saying so.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function mount(args: string[]): void {
  const result = spawnSync("mount", args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`mount ${args.join(" ")}: ${result.stderr || result.error?.message}`);
}

/** Whether this process may mount a tmpfs (root, with mount permitted): tried once, on a scratch folder. */
export const CAN_MOUNT = (() => {
  if (process.getuid?.() !== 0) return false;
  const dir = mkdtempSync(join(tmpdir(), "qa-mount-probe-"));
  try {
    mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir]);
    spawnSync("umount", [dir]);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

export const NEEDS_MOUNT = "root, to mount a small tmpfs (a full or read-only disk)";

/** A small file system of `size` (as mount takes it: "200k"), mounted on a new folder. */
export class SmallDisk {
  readonly dir = mkdtempSync(join(tmpdir(), "qa-disk-"));

  constructor(size: string) {
    mount(["-t", "tmpfs", "-o", `size=${size},mode=0755`, "tmpfs", this.dir]);
  }

  /** Makes it read-only, keeping what it holds. */
  readOnly(): void {
    mount(["-o", "remount,ro", this.dir]);
  }

  [Symbol.dispose](): void {
    spawnSync("umount", ["-l", this.dir]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
