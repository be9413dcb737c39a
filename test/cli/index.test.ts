/** `npm run index` as a user runs it: what it builds, where, and what it says. */
import { spawnSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { otherCorpus } from "../helpers/other-corpus.js";
import { CORPUS_DIR, ROOT, scratchDir } from "../helpers/paths.js";

const dir = await scratchDir();
await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/** Runs `index` on a copy of the seed corpus into a scratch folder, keyword-only unless env says otherwise. */
function index(args: string[], env: Record<string, string> = {}) {
  return run("index.ts", args, env);
}

/** Runs the command `script` of src/cli as `index` does. */
function run(script: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(TSX, [join(ROOT, "src/cli", script), ...args], {
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

  it("refuses an --out that is a file, leaving it as it was", async () => {
    const file = join(dir, "out-file");
    await writeFile(file, "mine\n");
    const { status, stderr } = index(["--out", file]);
    expect(status).toBe(2);
    expect(stderr.split("\n")[0]).toBe(`--out ${file}: this is a file, not a folder`);
    expect(await readFile(file, "utf8")).toBe("mine\n");
  });

  it("--corpus without --out writes that corpus's index in .cache/indexes/, where ask --corpus finds it", async () => {
    const { corpus: other, indexDir: ownIndex } = await otherCorpus(dir, "wiki-russia-hamas.txt", "wiki.txt");
    const { status, stderr } = index(["--corpus", other]);
    expect(status, stderr).toBe(0);
    expect(existsSync(join(ownIndex, "manifest.json"))).toBe(true);
    expect(existsSync(join(dir, "index"))).toBe(false);
    const asked = run("ask.ts", ["--json", "--corpus", other, "خالد مشعل"]);
    expect(asked.status, asked.stderr).toBe(0);
    expect(asked.stderr).not.toContain("Building the index");
  });

  it("stops with one clear line when the corpus folder has no documents", async () => {
    const empty = join(dir, "empty-corpus");
    await mkdir(empty);
    const { status, stderr } = index(["--corpus", empty, "--out", join(dir, "empty-index")]);
    expect(status).toBe(1);
    const read = ".txt, .md, .pdf, .docx, .epub, .html, .htm, .xhtml files";
    expect(stderr).toContain(`error: the corpus folder ${realpathSync(empty)} has no documents (documents are ${read}`);
    expect(stderr).not.toMatch(/Indexed|\n\s+at /);
    expect(existsSync(join(dir, "empty-index"))).toBe(false);
  });

  it("says what a missing model means for indexing, and counts one document as one", async () => {
    const one = join(dir, "one-document");
    await mkdir(one);
    await cp(join(CORPUS_DIR, "news-russia-hamas.txt"), join(one, "news.txt"));
    const out = join(dir, "one-index");
    const { status, stderr } = index(["--corpus", one, "--out", out], { EMBEDDINGS: "on", EMBEDDING_MODEL_DIR: join(dir, "no-model") });
    expect(status, stderr).toBe(0);
    const warnings = stderr.split("\n").filter((line) => line.startsWith("warn: "));
    expect(warnings).toEqual([expect.stringMatching(/\. Building the keyword index only: passage vectors are not computed \(.+\)\.$/)]);
    expect(stderr).not.toContain("Answering");
    expect(stderr).toMatch(/^Indexed 1 document, \d+ passages in \d+ ms\.$/m);
    const ready = stderr.split("\n").find((line) => line.startsWith(`Index ready in ${out}: `));
    expect(ready?.slice(`Index ready in ${out}: `.length)).toMatch(/^1 document, \d+ passages, keyword index only \(no passage vectors\)\.$/);
  });
});
