import { spawnSync } from "node:child_process";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, DOCUMENTS_DIR, ROOT, scratchDir } from "../helpers/paths.js";

const dir = await scratchDir();
await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/** Runs `npm run add` or `npm run remove` as an operator would, on a copy of the seed corpus, keyword-only. */
function run(command: "add" | "remove", args: string[]) {
  const result = spawnSync(TSX, [join(ROOT, "src/cli/add.ts"), command, ...args], {
    encoding: "utf8",
    env: { ...process.env, CORPUS_DIR: join(dir, "corpus"), INDEX_DIR: join(dir, "index"), EMBEDDINGS: "off" },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run add and npm run remove", () => {
  it("add a document with the sidecar beside it, refuse a copy, and take it out again", async () => {
    const source = await scratchDir();
    await cp(join(DOCUMENTS_DIR, "news.pandoc.docx"), join(source, "carnegie.docx"));
    await writeFile(join(source, "carnegie.docx.meta"), "publisher: مؤسسة كارنيغي\n");
    const added = run("add", [join(source, "carnegie.docx"), "--id", "carnegie"]);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^Added carnegie: «.+» as carnegie\.docx \(\d+ sections?, \d+ passages?\)\./);
    expect(await readdir(join(dir, "corpus"))).toEqual(expect.arrayContaining(["carnegie.docx", "carnegie.docx.meta"]));
    expect(await readFile(join(dir, "corpus", "carnegie.docx.meta"), "utf8")).toMatch(/^publisher: مؤسسة كارنيغي\nid: carnegie\nadded_by: shell\n/);
    const again = run("add", [join(source, "carnegie.docx")]);
    expect(again).toMatchObject({ status: 1 });
    expect(again.stderr).toMatch(/^error: the same file is already in the corpus as «?.+\(carnegie\)/);
    const removed = run("remove", ["carnegie"]);
    expect(removed.status, removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(/^Removed carnegie \(.+, carnegie\.docx\); the index is rebuilt\./);
    expect(await readdir(join(dir, "corpus"))).not.toContain("carnegie.docx");
  });

  it("say why in one line: a missing file, an unknown id, a wrong use", () => {
    expect(run("add", [join(dir, "nothing.pdf")])).toMatchObject({ status: 1, stderr: `error: ${join(dir, "nothing.pdf")}: no such file\n` });
    expect(run("remove", ["no-such-id"])).toMatchObject({ status: 1, stderr: 'error: no document has the id "no-such-id"\n' });
    expect(run("add", []).status).toBe(2);
    expect(run("remove", ["a", "--id", "b"]).status).toBe(2);
  });
});
