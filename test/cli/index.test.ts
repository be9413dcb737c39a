/** `npm run index` as a user runs it: what it builds, where, and what it says. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, ROOT, scratchDir } from "../helpers/paths.js";

const dir = await scratchDir();
await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/** Runs `index` on a copy of the seed corpus into a scratch folder, keyword-only unless env says otherwise. */
function index(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(TSX, [join(ROOT, "src/cli/index.ts"), ...args], {
    encoding: "utf8",
    env: { ...process.env, CORPUS_DIR: join(dir, "corpus"), INDEX_DIR: join(dir, "index"), EMBEDDINGS: "off", ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run index", () => {
  it("refuses a --corpus folder that does not exist, writing nothing", () => {
    const missing = join(dir, "no-such-corpus");
    const { status, stderr } = index(["--corpus", missing]);
    expect(status).toBe(2);
    expect(stderr.split("\n")[0]).toBe(`--corpus ${missing}: there is no such folder`);
    expect(stderr).toContain("usage: npm run index");
    expect(existsSync(join(dir, "index"))).toBe(false);
  });
});
