/**
 * Corpora as operators lay them out, mistakes included: linked files and folders, two files
 * claiming one document id, and headers that are not quite what the loader expects. None of them
 * may lose a document quietly.
 */
import { spawnSync } from "node:child_process";
import { cp, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseHeader } from "../../src/corpus/header.js";
import { loadCorpus } from "../../src/corpus/load.js";
import { loadIndex, openIndex } from "../../src/indexing/corpus-index.js";
import { CORPUS_DIR, ROOT, scratchDir } from "../helpers/paths.js";

const SEED_IDS = ["news-russia-hamas-carnegie", "wiki-russia-hamas"];
const ids = (corpus: { documents: { meta: { id: string } }[] }) => corpus.documents.map((d) => d.meta.id).sort();

describe("a corpus made of links", () => {
  it("follows linked files and folders, as ln -s lays them out", async () => {
    const dir = await scratchDir();
    const corpus = join(dir, "corpus");
    await mkdir(join(corpus, "more"), { recursive: true });
    await symlink(join(CORPUS_DIR, "wiki-russia-hamas.txt"), join(corpus, "wiki.txt"));
    await mkdir(join(dir, "elsewhere"));
    await cp(join(CORPUS_DIR, "news-russia-hamas.txt"), join(dir, "elsewhere", "news.txt"));
    await symlink(join(dir, "elsewhere"), join(corpus, "more", "linked-folder"));
    const loaded = await loadCorpus(corpus);
    expect(ids(loaded)).toEqual(SEED_IDS);
    expect(loaded.problems).toEqual([]);
    expect(loaded.documents.find((d) => d.meta.id === "wiki-russia-hamas")!.source).toBe("wiki.txt");
  });

  it("reads a Kubernetes ConfigMap volume (visible links into a hidden ..data folder) once per document", async () => {
    const dir = await scratchDir();
    await mkdir(join(dir, "..2026_12_07_10_00_00.1"));
    for (const name of ["wiki-russia-hamas.txt", "news-russia-hamas.txt"]) {
      await cp(join(CORPUS_DIR, name), join(dir, "..2026_12_07_10_00_00.1", name));
      await symlink(join("..data", name), join(dir, name));
    }
    await symlink("..2026_12_07_10_00_00.1", join(dir, "..data"));
    const loaded = await loadCorpus(dir);
    expect(ids(loaded)).toEqual(SEED_IDS);
    expect(loaded.problems).toEqual([]);
  });

  it("names every link it cannot follow, and does not loop", async () => {
    const dir = await scratchDir();
    await cp(join(CORPUS_DIR, "wiki-russia-hamas.txt"), join(dir, "wiki.txt"));
    await symlink(join(dir, "gone.txt"), join(dir, "dangling.txt"));
    await mkdir(join(dir, "sub"));
    await symlink(dir, join(dir, "sub", "back-to-top"));
    await symlink(join(dir, "loop-b"), join(dir, "loop-a"));
    await symlink(join(dir, "loop-a"), join(dir, "loop-b"));
    const loaded = await loadCorpus(dir);
    expect(ids(loaded)).toEqual(["wiki-russia-hamas"]);
    const said = loaded.warnings.join("\n");
    expect(said).toContain("dangling.txt: a link to nothing");
    expect(said).toContain("loop-a: a loop of links");
    expect(said).toContain(`${join("sub", "back-to-top")}: a link to a folder already read`);
  });
});

describe("two files claiming one document id", () => {
  const DUPLICATE = "---\nid: wiki-russia-hamas\ntitle: نسخة أخرى\n---\nنص آخر تماما عن موضوع الزراعة في الصحراء.\n";

  it("keeps the indexed document, refuses the newcomer by name, whatever the file names' order", async () => {
    const dir = await scratchDir();
    const corpusDir = join(dir, "corpus");
    const indexDir = join(dir, "index");
    await cp(CORPUS_DIR, corpusDir, { recursive: true });
    await openIndex({ corpusDir, indexDir });
    // "dup-id.txt" sorts before "wiki-russia-hamas.txt": by name alone it would win the id.
    await writeFile(join(corpusDir, "dup-id.txt"), DUPLICATE);
    const index = await openIndex({ corpusDir, indexDir });
    const wiki = index.documents.find((d) => d.meta.id === "wiki-russia-hamas")!;
    expect(wiki.source).toBe("wiki-russia-hamas.txt");
    expect(wiki.meta.title).toBe("العلاقات بين روسيا وحماس");
    expect(index.report!.skipped.map((p) => [p.file, p.kind])).toEqual([["dup-id.txt", "id-taken"]]);
    expect(index.report!.skipped[0]!.message).toContain('document id "wiki-russia-hamas" is already used by wiki-russia-hamas.txt');
    expect((await loadIndex(indexDir))!.documents.map((d) => d.source).sort()).toEqual(["news-russia-hamas.txt", "wiki-russia-hamas.txt"]);
  });

  it("makes npm run index exit non-zero, naming the refused file, with the index saved without it", async () => {
    const dir = await scratchDir();
    const corpusDir = join(dir, "corpus");
    await cp(CORPUS_DIR, corpusDir, { recursive: true });
    const index = () =>
      spawnSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli/index.ts")], {
        encoding: "utf8",
        env: { ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: join(dir, "index"), EMBEDDINGS: "off" },
      });
    expect(index().status).toBe(0);
    await writeFile(join(corpusDir, "dup-id.txt"), DUPLICATE);
    const run = index();
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/error: 1 corpus file refused: dup-id\.txt: document id "wiki-russia-hamas" is already used by wiki-russia-hamas\.txt/);
    const saved = (await loadIndex(join(dir, "index")))!;
    expect(saved.documents.map((d) => d.meta.id).sort()).toEqual(SEED_IDS);
  });
});

describe("headers as people write them", () => {
  it("leaves out a line without a colon, with a warning, and keeps the document", () => {
    const parsed = parseHeader("---\ntitle: عنوان\nthis line has no colon\nauthor: كاتب\n---\nالنص.\n");
    expect(parsed.meta).toEqual({ title: "عنوان", author: "كاتب" });
    expect(parsed.body).toBe("النص.\n");
    expect(parsed.warnings).toEqual(['header line left out, not "key: value": this line has no colon']);
  });

  it("reads a YAML list under a key as its items, and ignores lists under unknown keys", () => {
    const parsed = parseHeader('---\ntitle: عنوان\nauthor:\n  - أحمد\n  - "سارة"\ntags:\n  - سياسة\n  - روسيا\n---\nالنص.\n');
    expect(parsed.meta).toEqual({ title: "عنوان", author: "أحمد, سارة" });
    expect(parsed.warnings).toBeUndefined();
  });

  it.each([
    ["a closing line with a trailing space", "---\ntitle: عنوان\n--- \nالنص.\n"],
    ["an opening line with a trailing tab", "---\t\ntitle: عنوان\n---\nالنص.\n"],
    ["Windows line ends", "---\r\ntitle: عنوان\r\n---  \r\nالنص.\r\n"],
  ])("tolerates %s", (_name, content) => {
    const parsed = parseHeader(content);
    expect(parsed.meta).toEqual({ title: "عنوان" });
    expect(parsed.body).toBe("النص.\n");
  });

  it("takes the quotes off a quoted value, and keeps quotes inside it", () => {
    const parsed = parseHeader(
      `---\ntitle: "العلاقات بين روسيا وحماس"\nauthor: 'حسناء'\npublisher: مركز "كارنيغي"\nurl: "https://example.org/a"\n---\nالنص.\n`,
    );
    expect(parsed.meta).toEqual({ title: "العلاقات بين روسيا وحماس", author: "حسناء", publisher: 'مركز "كارنيغي"', url: "https://example.org/a" });
  });

  it("loads the whole corpus when one file's header has a bad line", async () => {
    const dir = await scratchDir();
    await cp(join(CORPUS_DIR, "news-russia-hamas.txt"), join(dir, "news.txt"));
    const wiki = await readFile(join(CORPUS_DIR, "wiki-russia-hamas.txt"), "utf8");
    await writeFile(join(dir, "wiki.txt"), wiki.replace(/^---\n/, "---\nkeywords\n").replace(/\n---\n/, "\n--- \n"));
    const loaded = await loadCorpus(dir);
    expect(ids(loaded)).toEqual(SEED_IDS);
    expect(loaded.warnings).toEqual(['wiki.txt: header line left out, not "key: value": keywords']);
  });
});
