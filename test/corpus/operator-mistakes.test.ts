/**
 * Corpora as operators lay them out, mistakes included: linked files and folders, two files
 * claiming one document id, and headers that are not quite what the loader expects. None of them
 * may lose a document quietly.
 */
import { spawnSync } from "node:child_process";
import { chmod, cp, mkdir, readFile, realpath, rename, symlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listCorpusFiles } from "../../src/corpus/files.js";
import { parseHeader } from "../../src/corpus/header.js";
import { loadCorpus } from "../../src/corpus/load.js";
import { openIndex } from "../../src/indexing/open-index.js";
import { loadIndex } from "../../src/indexing/saved-index.js";
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
    expect(loaded.documents.find((d) => d.meta.id === "wiki-russia-hamas")!.source?.file).toBe("wiki.txt");
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
    expect(said).toContain(`${join("sub", "back-to-top")}: a link back up to ${await realpath(dir)}, which holds the corpus folder; skipped`);
  });
});

describe("one real file or folder reached by several paths", () => {
  it("is read once, under its own name, whatever links lead to it: no refusal, no warning", async () => {
    const dir = await scratchDir();
    const real = join(dir, "real");
    await cp(CORPUS_DIR, real, { recursive: true });
    await symlink("real", join(dir, "current")); // the corpus folder itself is a link
    await symlink("wiki-russia-hamas.txt", join(real, "wiki-alias.txt"));
    await mkdir(join(real, "ext"));
    await rename(join(real, "news-russia-hamas.txt"), join(real, "ext", "n.txt"));
    await symlink(join("ext", "n.txt"), join(real, "a-news.txt")); // a link to a file, sorting before its folder
    await symlink("ext", join(real, "a-docs")); // and a link to that folder
    const loaded = await loadCorpus(join(dir, "current"));
    expect(loaded.problems).toEqual([]);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.documents.map((d) => d.source?.file).sort()).toEqual([join("ext", "n.txt"), "wiki-russia-hamas.txt"]);
  });

  it("leaves out, naming them, links into /proc, /sys or /dev and what is no regular file", async () => {
    const dir = await scratchDir();
    await cp(join(CORPUS_DIR, "wiki-russia-hamas.txt"), join(dir, "wiki.txt"));
    await symlink("/proc/self/status", join(dir, "status.txt"));
    await symlink("/dev/zero", join(dir, "zero.txt"));
    await symlink("..", join(dir, "parent"));
    spawnSync("mkfifo", [join(dir, "fifo.txt")]);
    const loaded = await loadCorpus(dir);
    expect(ids(loaded)).toEqual(["wiki-russia-hamas"]);
    const said = loaded.warnings.join("\n");
    expect(said).toContain("status.txt: a link into /proc, which holds no documents; skipped");
    expect(said).toContain("zero.txt: a link into /dev, which holds no documents; skipped");
    expect(said).toContain(`parent: a link back up to ${await realpath(join(dir, ".."))}, which holds the corpus folder; skipped`);
    expect(said).toContain("fifo.txt: not a regular file (a device, pipe or socket); skipped");
  });
});

describe("a folder or file that cannot be read", () => {
  it("is skipped by name, and the rest of the corpus indexes (for a user without rights to it)", async () => {
    const dir = await scratchDir();
    const corpusDir = join(dir, "corpus");
    await cp(CORPUS_DIR, corpusDir, { recursive: true });
    await mkdir(join(corpusDir, "lost+found"));
    await writeFile(join(corpusDir, "lost+found", "s.txt"), "سر");
    await writeFile(join(corpusDir, "locked.txt"), "مقفل");
    await chmod(join(corpusDir, "lost+found"), 0o000);
    await chmod(join(corpusDir, "locked.txt"), 0o000);
    // Root reads anything: run as root, the command runs without root's capabilities, so that
    // permission bits hold for it as for any user (and the project stays readable, being root's).
    const asUser = process.getuid?.() === 0 ? ["setpriv", "--bounding-set=-all", "--inh-caps=-all"] : [];
    const [command, ...args] = [...asUser, join(ROOT, "node_modules/.bin/tsx"), join(ROOT, "src/cli/index.ts")];
    const run = spawnSync(command!, args, {
      encoding: "utf8",
      env: { ...process.env, HOME: dir, CORPUS_DIR: corpusDir, INDEX_DIR: join(dir, "index"), EMBEDDINGS: "off" },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("lost+found: a folder that cannot be read (EACCES); skipped");
    expect(run.stderr).toContain("locked.txt: a file that cannot be read (EACCES); skipped");
    expect((await loadIndex(join(dir, "index")))!.documents).toHaveLength(2);
  });

  it("reads nothing of /proc, /sys or /dev, even as the corpus folder's own sub-folders", async () => {
    const warnings: string[] = [];
    await expect(listCorpusFiles("/proc/self", warnings)).resolves.toEqual([]);
    expect(warnings).toEqual(["/proc holds no documents; not read"].map((w) => `: ${w}`));
  });
});

describe("files as Arabic users have them", () => {
  it("reads Windows-1256 and UTF-16 text, saying so, and takes the file name for an id a header spells wrong", async () => {
    const dir = await scratchDir();
    const arabic = "نص عربي عن زيارة الوفد إلى موسكو في الربيع";
    // Windows-1256 bytes of «نص العربية», then the rest as UTF-16 files.
    await writeFile(join(dir, "cp1256.txt"), Buffer.from([0xe4, 0xd5, 0x20, 0xc7, 0xe1, 0xda, 0xd1, 0xc8, 0xed, 0xc9]));
    await writeFile(join(dir, "utf16.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(arabic, "utf16le")]));
    await writeFile(join(dir, "bad-id.txt"), `---\nid: a b\n---\n${arabic}\n`);
    const loaded = await loadCorpus(dir);
    expect(loaded.problems).toEqual([]);
    expect(Object.fromEntries(loaded.documents.map((d) => [d.meta.id, d.text]))).toEqual({ "bad-id": arabic, cp1256: "نص العربية", utf16: arabic });
    expect(loaded.warnings).toEqual([
      'bad-id.txt: header id "a b" left out: an id holds only letters, digits, _ . -; the file name\'s "bad-id" is used',
      "cp1256.txt: read as Windows-1256 (Arabic), not UTF-8",
      "utf16.txt: read as UTF-16, not UTF-8",
    ]);
  });
});

describe("two files with the same bytes under two names", () => {
  it("are one document, read once, with a warning", async () => {
    const dir = await scratchDir();
    await cp(join(CORPUS_DIR, "news-russia-hamas.txt"), join(dir, "news.txt"));
    await cp(join(CORPUS_DIR, "wiki-russia-hamas.txt"), join(dir, "a-copy.txt"));
    await cp(join(CORPUS_DIR, "wiki-russia-hamas.txt"), join(dir, "b-copy.txt"));
    const loaded = await loadCorpus(dir);
    expect(ids(loaded)).toEqual(SEED_IDS);
    expect(loaded.problems).toEqual([]);
    expect(loaded.warnings).toEqual(["b-copy.txt: the same bytes as a-copy.txt, read once"]);
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
    expect(wiki.source?.file).toBe("wiki-russia-hamas.txt");
    expect(wiki.meta.title).toBe("العلاقات بين روسيا وحماس");
    expect(index.report!.skipped.map((p) => [p.file, p.kind])).toEqual([["dup-id.txt", "id-taken"]]);
    expect(index.report!.skipped[0]!.message).toContain('document id "wiki-russia-hamas" is already used by wiki-russia-hamas.txt');
    expect((await loadIndex(indexDir))!.documents.map((d) => d.source?.file).sort()).toEqual(["news-russia-hamas.txt", "wiki-russia-hamas.txt"]);
  });

  it("keeps the indexed document when it moved in the same change, known by its bytes", async () => {
    const dir = await scratchDir();
    const corpusDir = join(dir, "corpus");
    const indexDir = join(dir, "index");
    await cp(CORPUS_DIR, corpusDir, { recursive: true });
    await openIndex({ corpusDir, indexDir });
    await mkdir(join(corpusDir, "wiki"));
    await rename(join(corpusDir, "wiki-russia-hamas.txt"), join(corpusDir, "wiki", "wiki-russia-hamas.txt"));
    await writeFile(join(corpusDir, "aaa.txt"), DUPLICATE);
    const index = await openIndex({ corpusDir, indexDir });
    expect(index.documents.find((d) => d.meta.id === "wiki-russia-hamas")!.meta.title).toBe("العلاقات بين روسيا وحماس");
    expect(index.report!.skipped.map((p) => p.file)).toEqual(["aaa.txt"]);
  });

  it("with no index to go by, keeps the file named after the id, else the one that was there first", async () => {
    const dir = await scratchDir();
    await cp(CORPUS_DIR, dir, { recursive: true });
    await writeFile(join(dir, "000.txt"), DUPLICATE);
    const loaded = await loadCorpus(dir);
    expect(loaded.documents.find((d) => d.meta.id === "wiki-russia-hamas")!.source?.file).toBe("wiki-russia-hamas.txt");
    // Neither named after the id: the older file keeps it.
    const other = await scratchDir();
    await writeFile(join(other, "b-original.txt"), DUPLICATE.replace("نسخة أخرى", "الأصل"));
    await writeFile(join(other, "a-newcomer.txt"), DUPLICATE);
    await utimes(join(other, "b-original.txt"), new Date("2025-01-01"), new Date("2025-01-01"));
    const both = await loadCorpus(other);
    expect(both.documents.map((d) => d.meta.title)).toEqual(["الأصل"]);
    expect(both.problems.map((p) => p.file)).toEqual(["a-newcomer.txt"]);
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
    expect(run.stderr).toMatch(/error: 1 corpus file not indexed: dup-id\.txt: document id "wiki-russia-hamas" is already used by wiki-russia-hamas\.txt/);
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

  it.each([
    ["a blank line before the opening line", "\n\n---\ntitle: عنوان\n---\nالنص.\n"],
    ["an indented opening line", "  ---  \ntitle: عنوان\n---\nالنص.\n"],
    ["a closing line after a tab", "---\ntitle: عنوان\n\t---\nالنص.\n"],
    ["a closing line with a no-break space", "---\ntitle: عنوان\n---\u00a0\nالنص.\n"],
    ["YAML's ... end marker", "---\ntitle: عنوان\n...\nالنص.\n"],
  ])("reads the header with %s", (_name, content) => {
    const parsed = parseHeader(content);
    expect(parsed.meta).toEqual({ title: "عنوان" });
    expect(parsed.body).toBe("النص.\n");
  });

  it("reads YAML's other ways of writing a value: flow lists, folded blocks, comments, typographic quotes", () => {
    const parsed = parseHeader(
      [
        "---",
        'author: [أحمد, "ليلى"]',
        "title: >",
        "  العلاقات بين",
        "  روسيا وحماس",
        "language: ar # Arabic",
        'license: "CC BY-SA 4.0" # as the page says',
        "publisher: “مركز كارنيغي”",
        'based_on: "أحمد"، "ليلى"',
        "url: https://example.org/a#section",
        "---",
        "النص.",
      ].join("\n"),
    );
    expect(parsed.meta).toEqual({
      author: "أحمد, ليلى",
      title: "العلاقات بين روسيا وحماس",
      language: "ar",
      license: "CC BY-SA 4.0",
      publisher: "مركز كارنيغي",
      basedOn: '"أحمد"، "ليلى"',
      url: "https://example.org/a#section",
    });
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
