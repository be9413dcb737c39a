/**
 * What an index folder that cannot be written leaves behind: a full disk, a read-only folder or
 * parent, a place where no folder can be made. The index that was there stays whole and served,
 * the failure is one line naming the folder and the cause, and `npm run index` exits non-zero.
 * Also: rebuilding an unchanged corpus writes nothing, and a missing corpus folder is said.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { statusReply } from "../../src/conversation/replies.js";
import { PLAIN, renderTerminal } from "../../src/conversation/terminal.js";
import { openIndex } from "../../src/indexing/open-index.js";
import { loadIndex } from "../../src/indexing/saved-index.js";
import { createLogger } from "../../src/log/logger.js";
import { openKeywordEngine } from "../helpers/engine.js";
import { CORPUS_DIR, describeIf, ROOT, scratchDir } from "../helpers/paths.js";
import { CAN_MOUNT, NEEDS_MOUNT, SmallDisk } from "../helpers/small-disk.js";

function recordingLogger() {
  const lines: string[] = [];
  return { lines, log: createLogger({ level: "debug", format: "text", write: (l) => lines.push(l) }) };
}

/** A copy of the seed corpus in a scratch folder. */
async function seedCorpus(): Promise<string> {
  const corpusDir = join(await scratchDir(), "corpus");
  await cp(CORPUS_DIR, corpusDir, { recursive: true });
  return corpusDir;
}

/** Adds a document of about `kilobytes` KB of the seed article's own paragraphs to `corpusDir`. */
async function growCorpus(corpusDir: string, kilobytes: number): Promise<void> {
  const body = (await readFile(join(CORPUS_DIR, "wiki-russia-hamas.txt"), "utf8")).split(/\n---\n/)[1]!;
  const copies = Math.ceil((kilobytes * 1024) / Buffer.byteLength(body));
  const text = Array.from({ length: copies }, (_, i) => `## الجزء ${i + 1}\n\n${body}`).join("\n\n");
  await writeFile(join(corpusDir, "large.txt"), `---\nid: large\ntitle: نص طويل\n---\n${text}\n`);
}

/** `npm run index` into `indexDir`, keyword-only. */
function runIndex(corpusDir: string, indexDir: string) {
  return spawnSync(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli/index.ts")], {
    encoding: "utf8",
    env: { ...process.env, CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, EMBEDDINGS: "off" },
  });
}

/** Each file's inode and bytes: a file written again, even with the same bytes, gets a new inode. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    if ((await stat(join(dir, name))).isFile()) files[name] = `${(await stat(join(dir, name))).ino}:${(await readFile(join(dir, name))).toString("base64")}`;
  }
  return files;
}

describeIf(CAN_MOUNT, NEEDS_MOUNT, "a full disk", () => {
  it("fails the build with one line, leaves the index there whole and served, and leaves no temporary file", async () => {
    const disk = new SmallDisk("160k");
    try {
      const corpusDir = await seedCorpus();
      const indexDir = join(disk.dir, "index");
      const before = await openIndex({ corpusDir, indexDir });
      await growCorpus(corpusDir, 120);
      const files = await snapshot(indexDir);

      const unchanged = new RegExp(`^no space left on the file system of ${indexDir} while writing ${indexDir}/\\S+; the index in ${indexDir} is unchanged$`);
      await expect(openIndex({ corpusDir, indexDir, mustSave: true })).rejects.toThrow(unchanged);
      expect(await snapshot(indexDir)).toEqual(files);
      expect((await loadIndex(indexDir))!.manifest.passagesHash).toBe(before.manifest.passagesHash);

      const run = runIndex(corpusDir, indexDir);
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split("\n").at(-1)).toMatch(/^error: no space left on the file system of .* the index in .* is unchanged$/);
      expect(await snapshot(indexDir)).toEqual(files);

      // Answering goes on from the new corpus, built in memory, saying the index is not saved.
      const { lines, log } = recordingLogger();
      const served = await openIndex({ corpusDir, indexDir, log });
      expect(served.documents.map((d) => d.meta.id)).toContain("large");
      expect(served.report!.caveats).toEqual([
        expect.stringMatching(/^no space left on .*; the index in .* is unchanged\. Answering from the index built in memory, which is not saved$/),
      ]);
      expect(lines.join("\n")).toContain("Answering from the index built in memory");
      expect(await snapshot(indexDir)).toEqual(files);
    } finally {
      disk[Symbol.dispose]();
    }
  });
});

describeIf(CAN_MOUNT, NEEDS_MOUNT, "a read-only index folder", () => {
  it("with a changed corpus: answers from an index built in memory, saying which folder and why, and does not rebuild again on every refresh", async () => {
    const disk = new SmallDisk("400k");
    try {
      const corpusDir = await seedCorpus();
      const indexDir = join(disk.dir, "index");
      await openIndex({ corpusDir, indexDir });
      disk.readOnly();
      await writeFile(join(corpusDir, "extra.txt"), "---\nid: extra\n---\nوثيقة إضافية عن زيارة وفد حماس إلى موسكو في الربيع.\n");

      await expect(openIndex({ corpusDir, indexDir, mustSave: true })).rejects.toThrow(
        `${indexDir} is on a read-only file system; the index in ${indexDir} is unchanged`,
      );
      const run = runIndex(corpusDir, indexDir);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`is on a read-only file system; the index in ${indexDir} is unchanged`);

      const engine = await openKeywordEngine(corpusDir, indexDir);
      expect(engine.status().documents).toBe(3);
      expect(engine.status().caveats).toEqual([
        expect.stringContaining(`is on a read-only file system; the index in ${indexDir} is unchanged. Answering from the index built in memory`),
      ]);
      expect(renderTerminal(statusReply(engine.status()), PLAIN)).toContain("read-only file system");
      expect((await engine.ask("زيارة وفد حماس إلى موسكو في الربيع")).results[0]?.id).toMatch(/^extra#/);
      // The folder still holds the older index: that is no newer index to swap to.
      expect(await engine.refresh()).toBe(false);
    } finally {
      disk[Symbol.dispose]();
    }
  });

  it("under a read-only parent: names the parent and the cause, not a missing folder", async () => {
    const disk = new SmallDisk("64k");
    try {
      disk.readOnly();
      const indexDir = join(disk.dir, "indexes", "main");
      await expect(openIndex({ corpusDir: CORPUS_DIR, indexDir, mustSave: true })).rejects.toThrow(
        `the folder ${indexDir} cannot be made: ${disk.dir} is on a read-only file system; the index in ${indexDir} is unchanged`,
      );
      const served = await openIndex({ corpusDir: CORPUS_DIR, indexDir });
      expect(served.passages.length).toBeGreaterThan(10);
      expect(served.report!.caveats[0]).toContain("is on a read-only file system");
    } finally {
      disk[Symbol.dispose]();
    }
  });
});

describeIf(existsSync("/proc/self"), "a /proc file system", "an index folder where no folder can be made", () => {
  it("fails at once with a sentence naming the folder, instead of spinning", async () => {
    const indexDir = "/proc/qa-no-such-index";
    const started = Date.now();
    await expect(openIndex({ corpusDir: CORPUS_DIR, indexDir, mustSave: true })).rejects.toThrow(
      `the folder ${indexDir} is in /proc, a system file system, not a place for an index`,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it.each(["/proc/1", "/sys/fs/qa-no-such-index", "/dev/qa-index"])("refuses %s, a system folder, and makes nothing there", async (indexDir) => {
    const system = indexDir.split("/").slice(0, 2).join("/");
    await expect(openIndex({ corpusDir: CORPUS_DIR, indexDir, mustSave: true })).rejects.toThrow(
      `the folder ${indexDir} is in ${system}, a system file system, not a place for an index`,
    );
    expect(existsSync(indexDir) && indexDir !== "/proc/1").toBe(false);
  });
});

describe("a corpus folder that is not there", () => {
  it("is said at start and in /status, naming the folder the index was built from, and that index is served", async () => {
    const corpusDir = await seedCorpus();
    const indexDir = join(corpusDir, "..", "index");
    await openIndex({ corpusDir, indexDir });
    const missing = join(corpusDir, "..", "no-such-corpus");
    const { lines, log } = recordingLogger();
    const index = await openIndex({ corpusDir: missing, indexDir, log });
    expect(index.documents).toHaveLength(2);
    const said = `the corpus folder ${missing} does not exist: answering from the index in ${indexDir}, built on \\S+ from ${corpusDir}`;
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^warn: ${said}$`))]);
    const engine = await openKeywordEngine(missing, indexDir);
    expect(renderTerminal(statusReply(engine.status()), PLAIN)).toContain(`⚠️ the corpus folder ${missing} does not exist`);
  });

  it("gone while the bot runs: /status says so", async () => {
    const corpusDir = await seedCorpus();
    const engine = await openKeywordEngine(corpusDir, join(corpusDir, "..", "index"));
    expect(engine.status().caveats).toEqual([]);
    await rm(corpusDir, { recursive: true });
    expect(renderTerminal(statusReply(engine.status()), PLAIN)).toContain(`⚠️ the corpus folder ${corpusDir} is gone: answering from the index loaded before`);
  });

  it("serves an index of an older analyzer or chunker, built again from its own documents, and says so; a file is no folder", async () => {
    const corpusDir = await seedCorpus();
    const indexDir = join(corpusDir, "..", "index");
    const built = await openIndex({ corpusDir, indexDir });
    const manifest = JSON.parse(await readFile(join(indexDir, "manifest.json"), "utf8"));
    await writeFile(join(indexDir, "manifest.json"), JSON.stringify({ ...manifest, chunker: "paragraph-sentences/0", analyzer: "older" }));
    for (const [folder, problem] of [
      [join(corpusDir, "..", "gone"), "does not exist"],
      [join(corpusDir, "news-russia-hamas.txt"), "is not a folder"],
    ] as const) {
      const { lines, log } = recordingLogger();
      const index = await openIndex({ corpusDir: folder, indexDir, log });
      expect(index.passages).toEqual(built.passages);
      expect(index.report!.caveats).toEqual([
        `the corpus folder ${folder} ${problem}: answering from the 2 documents the index holds, ` +
          `indexed again in ${indexDir}, built on ${manifest.builtAt} from ${corpusDir}`,
      ]);
      expect(lines.join("\n")).toContain("Building the index again from the documents it holds (the text analyzer changed)");
      // A rebuild asked for (npm run index, /reindex) has nothing to build from: it fails, naming the folder.
      await expect(openIndex({ corpusDir: folder, indexDir, rebuild: true })).rejects.toThrow(
        `cannot build an index in ${indexDir}: the corpus folder ${folder} ${problem}`,
      );
      await writeFile(join(indexDir, "manifest.json"), JSON.stringify({ ...manifest, chunker: "paragraph-sentences/0", analyzer: "older" }));
    }
  });
});

describe("rebuilding an unchanged corpus", () => {
  it("writes no file again, so nothing tracked changes", async () => {
    const corpusDir = await seedCorpus();
    const indexDir = join(corpusDir, "..", "index");
    const first = await openIndex({ corpusDir, indexDir });
    const files = await snapshot(indexDir);
    const again = await openIndex({ corpusDir, indexDir, rebuild: true });
    expect(await snapshot(indexDir)).toEqual(files);
    expect(again.manifest.builtAt).toBe(first.manifest.builtAt);
  });

  it("leaves the committed index byte for byte, built with the model's tokenizer or not", async () => {
    const corpusDir = await seedCorpus();
    const indexDir = join(corpusDir, "..", "index");
    // The committed files only: vectors, names and calibration are made on each machine.
    const manifest = JSON.parse(await readFile(join(ROOT, "index", "manifest.json"), "utf8"));
    await mkdir(indexDir);
    for (const name of ["manifest.json", "corpus-dir.txt", ...Object.keys(manifest.files)]) await cp(join(ROOT, "index", name), join(indexDir, name));
    const committed = await snapshot(indexDir);
    expect(runIndex(corpusDir, indexDir).status).toBe(0);
    const after = await snapshot(indexDir);
    for (const name of Object.keys(committed)) expect(after[name]?.split(":")[1], name).toBe(committed[name]!.split(":")[1]);
  });
});

describeIf(CAN_MOUNT, NEEDS_MOUNT, "an unchanged rebuild", () => {
  it("needs neither write access nor free space: it writes nothing", async () => {
    const disk = new SmallDisk("400k");
    try {
      const corpusDir = await seedCorpus();
      const indexDir = join(disk.dir, "index");
      await openIndex({ corpusDir, indexDir });
      const files = await snapshot(indexDir);
      disk.readOnly();
      expect(runIndex(corpusDir, indexDir).status).toBe(0);
      expect(await snapshot(indexDir)).toEqual(files);
    } finally {
      disk[Symbol.dispose]();
    }
  });
});

describe("temporary files left by a writer that was killed", () => {
  it("are removed by the next save once they are an hour old; a write under way keeps its own", async () => {
    const corpusDir = await seedCorpus();
    const indexDir = join(corpusDir, "..", "index");
    await mkdir(indexDir);
    const old = `keyword.bin.tmp-4242-${Date.now() - 2 * 60 * 60 * 1000}-abc123`;
    const current = `keyword.bin.tmp-4243-${Date.now()}-def456`;
    for (const name of [old, current]) await writeFile(join(indexDir, name), "{");
    await openIndex({ corpusDir, indexDir });
    const left = await readdir(indexDir);
    expect(left).not.toContain(old);
    expect(left).toContain(current);
  });
});

describe("an index folder that is no index folder", () => {
  it("is refused when it holds other files and no index, and nothing is written there", async () => {
    const dir = await scratchDir();
    await writeFile(join(dir, "notes.txt"), "mine\n");
    await expect(openIndex({ corpusDir: CORPUS_DIR, indexDir: dir })).rejects.toThrow(
      `the index folder ${dir} holds other files (notes.txt) and no index: give INDEX_DIR an empty folder, or one npm run index made`,
    );
    expect(await readdir(dir)).toEqual(["notes.txt"]);
  });

  it("inside the corpus folder, is never read as part of the corpus", async () => {
    const corpusDir = await seedCorpus();
    const indexDir = join(corpusDir, "sub", "index");
    const first = await openIndex({ corpusDir, indexDir });
    const again = await openIndex({ corpusDir, indexDir });
    expect(again.documents.map((d) => d.meta.id).sort()).toEqual(first.documents.map((d) => d.meta.id).sort());
    expect(again.manifest.corpusHash).toBe(first.manifest.corpusHash);
    expect(again.documents.map((d) => d.meta.id)).not.toContain("corpus-dir");
  });
});
