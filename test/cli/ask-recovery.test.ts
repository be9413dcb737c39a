/** `npm run ask -- --index DIR` rebuilds an index whose manifest is damaged, from the corpus it was built from. */
import { spawnSync } from "node:child_process";
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, ROOT, scratchDir } from "../helpers/paths.js";

const dir = await scratchDir();
await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
const TSX = join(ROOT, "node_modules", ".bin", "tsx");
const QUESTION = "متى زار خالد مشعل موسكو؟";

/** Runs `ask` against the index in `indexDir` only: no CORPUS_DIR, so the corpus must come from the index. */
function ask(args: string[]) {
  const env: Record<string, string | undefined> = {
    ...process.env,
    EMBEDDINGS: "off",
    INDEX_DIR: join(dir, "unused-index"),
    CORPUS_DIR: join(dir, "no-such-corpus"),
  };
  const result = spawnSync(TSX, [join(ROOT, "src/cli/ask.ts"), ...args], { cwd: dir, input: "", encoding: "utf8", env: env as NodeJS.ProcessEnv });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function build(indexDir: string) {
  const result = spawnSync(TSX, [join(ROOT, "src/cli/index.ts"), "--corpus", join(dir, "corpus"), "--out", indexDir], {
    encoding: "utf8",
    env: { ...process.env, EMBEDDINGS: "off" },
  });
  expect(result.status, result.stderr).toBe(0);
}

const template = join(dir, "index-template");
build(template);

/** Ways a manifest gets damaged; `keepNote` false also removes the note beside it, as in an index saved before the note existed. */
const damage: Record<string, { damage: (manifest: string) => string; keepNote: boolean }> = {
  "overwritten with garbage": { damage: () => "\u0000\u0001 not json at all", keepNote: true },
  "an empty file": { damage: () => "", keepNote: true },
  "valid JSON of the wrong shape": { damage: () => "[1, 2, 3]\n", keepNote: true },
  "cut after its first lines, with no note beside it": { damage: (manifest) => manifest.slice(0, manifest.indexOf('"analyzer"')), keepNote: false },
};

describe("ask with a damaged manifest", () => {
  it.each(Object.keys(damage))("rebuilds when the manifest is %s, and answers", async (kind) => {
    const indexDir = join(dir, `index-${kind.replace(/\W+/g, "-")}`);
    await cp(template, indexDir, { recursive: true });
    const manifestFile = join(indexDir, "manifest.json");
    await writeFile(manifestFile, damage[kind]!.damage(await readFile(manifestFile, "utf8")));
    if (!damage[kind]!.keepNote) await rm(join(indexDir, "corpus-dir.txt"));
    const { status, stdout, stderr } = ask(["--json", "--index", indexDir, QUESTION]);
    expect(stderr).not.toContain("no corpus folder");
    expect(status, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ abstained: false });
    expect(stderr).toContain("rebuilding the index");
    // The rebuilt index is whole again: the next run loads it without rebuilding.
    expect(JSON.parse(await readFile(manifestFile, "utf8")).passages).toBeGreaterThan(0);
    const again = ask(["--json", "--index", indexDir, QUESTION]);
    expect(again.status).toBe(0);
    expect(again.stderr).not.toContain("Building the index");
  });

  it("with no corpus to be found, answers from the documents the index holds, saying so; without them, says it clearly", async () => {
    const indexDir = join(dir, "index-orphan");
    await cp(template, indexDir, { recursive: true });
    await writeFile(join(indexDir, "manifest.json"), "garbage");
    await rm(join(indexDir, "corpus-dir.txt"));
    const orphan = ask(["--json", "--index", indexDir, QUESTION]);
    expect(orphan.status, orphan.stderr).toBe(0);
    expect(orphan.stderr).toContain("no corpus folder was given: answering from the 2 documents the index holds, indexed again");
    expect(JSON.parse(orphan.stdout).results.length).toBeGreaterThan(0);
    await writeFile(join(indexDir, "manifest.json"), "garbage");
    await rm(join(indexDir, "documents.json"));
    const { status, stderr } = ask(["--json", "--index", indexDir, QUESTION]);
    expect(status).toBe(1);
    expect(stderr).toContain("no corpus folder was given");
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
