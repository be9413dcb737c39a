/**
 * The document library: adding documents from their bytes, listing and removing them, on a real
 * engine over a scratch corpus, and two engines sharing one corpus and index as two instances do.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DocumentLibrary, type LibraryError, safeStem } from "../../src/answer/library.js";
import { DEFAULT_DOCUMENT_LIMITS } from "../../src/config/defaults.js";
import { openKeywordEngine, seedCopyEngine } from "../helpers/engine.js";
import { DOCUMENTS_DIR } from "../helpers/paths.js";

const fixture = (name: string) => readFile(join(DOCUMENTS_DIR, name));

async function library() {
  const { dir, engine } = await seedCopyEngine();
  return { dir, engine, library: new DocumentLibrary(engine, DEFAULT_DOCUMENT_LIMITS) };
}

describe("adding a document", () => {
  it("reads it, writes it with its sidecar, and answers from it at once", async () => {
    const { dir, engine, library: documents } = await library();
    const report = await documents.add({ bytes: await fixture("wiki.chromium-naskh.pdf"), fileName: "علاقات روسيا.pdf", addedBy: "4242" });
    expect(report).toMatchObject({ id: "علاقات-روسيا", title: "العلاقات بين روسيا وحماس", file: "علاقات-روسيا.pdf", pages: 2 });
    expect(report.passages).toBeGreaterThan(5);
    expect(report.opening.length).toBeGreaterThan(20);
    const sidecar = await readFile(join(dir, "corpus", "علاقات-روسيا.pdf.meta"), "utf8");
    expect(sidecar).toMatch(/^added_by: 4242\nadded_at: \d{4}-\d\d-\d\dT/);
    const answer = await engine.ask("ماذا قال لافروف عن أهداف إسرائيل في غزة؟", { limit: 5 });
    expect(answer.results.some((r) => r.doc.id === "علاقات-روسيا" && r.pages?.includes(2))).toBe(true);
    expect((await documents.list()).find((d) => d.id === "علاقات-روسيا")).toMatchObject({ addedBy: "4242", file: "علاقات-روسيا.pdf" });
  });

  it("refuses a duplicate, an unreadable file and a taken id, and changes nothing on disk", async () => {
    const { dir, library: documents } = await library();
    const before = (await readdir(join(dir, "corpus"))).sort();
    const seed = await readFile(join(dir, "corpus", "news-russia-hamas.txt"));
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: LibraryError) => error.kind,
      );
    expect(await refusal(documents.add({ bytes: seed, fileName: "copy.txt", addedBy: "1" }))).toBe("duplicate");
    expect(await refusal(documents.add({ bytes: await fixture("scanned.pdf"), addedBy: "1" }))).toBe("scanned");
    expect(await refusal(documents.add({ bytes: await fixture("encrypted.pdf"), addedBy: "1" }))).toBe("encrypted");
    expect(await refusal(documents.add({ bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]), fileName: "x.png", addedBy: "1" }))).toBe("unsupported");
    expect(await refusal(documents.add({ bytes: await fixture("news.pandoc.docx"), id: "wiki-russia-hamas", addedBy: "1" }))).toBe("bad-id");
    expect(await refusal(documents.add({ bytes: await fixture("news.pandoc.docx"), id: "../x", addedBy: "1" }))).toBe("bad-id");
    expect((await readdir(join(dir, "corpus"))).sort()).toEqual(before);
  });

  it("stores it under a safe name of its own, never over another file", async () => {
    const { dir, library: documents } = await library();
    const page = await fixture("wiki.mediawiki.html");
    const first = await documents.add({ bytes: page, fileName: "../../etc/passwd.pdf", addedBy: "1" });
    expect(first.file).toBe("passwd.html");
    const longTitle = `${"عنوان طويل جدا ".repeat(700)}`;
    const second = await documents.add({ bytes: Buffer.from(`---\ntitle: ${longTitle}\n---\nنص قصير عن موضوع آخر تماما، يكفي ليكون وثيقة.\n`), addedBy: "1" });
    expect(second.file.length).toBeLessThanOrEqual(64);
    expect(second.file).toMatch(/^عنوان-طويل-جدا/);
    const third = await documents.add({ bytes: await fixture("wiki.pandoc.docx"), fileName: "passwd.docx", addedBy: "1" });
    expect(third.file).toBe("passwd-2.docx");
    const names = await readdir(join(dir, "corpus"));
    expect(names.every((name) => !name.includes("/") && !name.startsWith("."))).toBe(true);
    expect(safeStem("../../etc/passwd")).toBe("etc-passwd");
    expect(safeStem("..")).toBe("");
  });

  it("queues two adds made at once: both land", async () => {
    const { engine, library: documents } = await library();
    const [a, b] = await Promise.all([
      documents.add({ bytes: await fixture("wiki.pandoc.docx"), addedBy: "1" }),
      documents.add({ bytes: await fixture("news.pandoc.epub"), addedBy: "2" }),
    ]);
    const ids = engine.documents().map((d) => d.meta.id);
    expect(ids).toContain(a.id);
    expect(ids).toContain(b.id);
  });
});

describe("the names and ids of added documents", () => {
  it("keeps an id asked for, or the file's own, and refuses one the corpus could not hold", async () => {
    const { engine, library: documents } = await library();
    const text = (header: string) => Buffer.from(`${header}نص قصير عن موضوع آخر تماما، يكفي ليكون وثيقة رقم ${header.length}.\n`);
    // The id asked for wins over the file's own header.
    const asked = await documents.add({ bytes: text("---\nid: mine\n---\n"), fileName: "x.txt", id: "chosen", addedBy: "1" });
    expect(asked.id).toBe("chosen");
    const own = await documents.add({ bytes: text("---\nid: its-own\n---\n"), fileName: "y.txt", addedBy: "1" });
    expect([own.id, own.file]).toEqual(["its-own", "its-own.txt"]);
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => "added",
        (error: LibraryError) => `${error.kind}: ${error.message}`,
      );
    expect(await refusal(documents.add({ bytes: text(""), id: "ب".repeat(200), addedBy: "1" }))).toMatch(/^bad-id: .*longer than 80/);
    expect(await refusal(documents.add({ bytes: text("---\nid: .hidden\n---\n"), addedBy: "1" }))).toMatch(/^bad-id: .*may not start with \./);
    expect(await refusal(documents.add({ bytes: text(" "), id: "README", addedBy: "1" }))).toMatch(/^bad-id/);
    expect(await refusal(documents.add({ bytes: text("---\nid: wiki-russia-hamas\n---\n"), addedBy: "1" }))).toMatch(/^bad-id: .*already used/);
    expect(await refusal(documents.add({ bytes: text("  "), fileName: "notes.meta", addedBy: "1" }))).toMatch(/^unsupported/);
    // A name that leaves nothing safe, and a README: names of their own, never the scratch file's.
    const emoji = await documents.add({ bytes: text("   "), fileName: "😀😀.txt", addedBy: "1" });
    const readme = await documents.add({ bytes: text("    "), fileName: "README.md", addedBy: "1" });
    expect([emoji.file, readme.file]).toEqual(["document.txt", "README-document.md"]);
    expect(engine.documents().map((d) => d.meta.id)).toEqual(expect.arrayContaining(["chosen", "its-own", "document", "README-document"]));
  });
});

describe("removing a document", () => {
  it("takes it out of the corpus and the index; a stale or forged id changes nothing", async () => {
    const { dir, engine, library: documents } = await library();
    const added = await documents.add({ bytes: await fixture("news.pandoc.docx"), fileName: "news.docx", addedBy: "1" });
    await expect(documents.remove("no-such-id")).rejects.toMatchObject({ kind: "no-such-document" });
    await expect(documents.remove("../wiki-russia-hamas")).rejects.toMatchObject({ kind: "no-such-document" });
    await documents.remove(added.id);
    expect(engine.documents().map((d) => d.meta.id)).not.toContain(added.id);
    expect(await readdir(join(dir, "corpus"))).not.toContain("news.docx.meta");
    await expect(documents.remove(added.id)).rejects.toMatchObject({ kind: "no-such-document" });
  });
});

describe("two instances sharing the corpus and the index", () => {
  it("an add on one answers on the other once it looks", async () => {
    const { dir, engine: first, library: documents } = await library();
    const second = await openKeywordEngine(join(dir, "corpus"), join(dir, "index"));
    await documents.add({ bytes: await fixture("wiki.chromium-naskh.pdf"), fileName: "relations.pdf", addedBy: "1" });
    expect(await second.refresh()).toBe(true);
    expect(second.documents().map((d) => d.meta.id)).toContain("relations");
    expect(first.status().version).toBe(second.status().version);
  });
});
