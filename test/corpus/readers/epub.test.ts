/**
 * The EPUB reader on pandoc's EPUB of test/fixtures/readers/docx/sample.md
 * (`pandoc sample.md -o pandoc.epub --metadata identifier=https://example.org/books/russia-hamas`)
 * and on books written here, part by part.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readEpub } from "../../../src/corpus/readers/epub.js";
import { ROOT } from "../../helpers/paths.js";

const LIMITS = { maxBytes: 50 * 1024 * 1024, maxInflatedBytes: 200 * 1024 * 1024, maxPages: 1000 };

const CONTAINER = '<?xml version="1.0"?><container><rootfiles><rootfile full-path="OEBPS/book.opf"/></rootfiles></container>';
const chapter = (body: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">' +
  `<head><title>x</title></head><body>${body}</body></html>`;

/** A book of `files` (paths under OEBPS/) with the spine `spine` and Dublin Core `metadata`. */
function book(files: Record<string, string>, spine: string[], metadata = "<dc:title>كتاب</dc:title>", extra: Record<string, string> = {}): Uint8Array {
  const manifest = Object.keys(files)
    .reverse() // the manifest's order is not the reading order
    .map((name) => `<item id="${name}" href="${encodeURI(name)}" media-type="application/xhtml+xml"${name === "nav.xhtml" ? ' properties="nav"' : ""}/>`)
    .join("");
  const opf = `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">${metadata}</metadata>
    <manifest>${manifest}</manifest><spine>${spine.map((id) => `<itemref idref="${id}"/>`).join("")}</spine></package>`;
  const parts: Record<string, Uint8Array> = {
    mimetype: strToU8("application/epub+zip"),
    "META-INF/container.xml": strToU8(CONTAINER),
    "OEBPS/book.opf": strToU8(opf),
  };
  for (const [name, content] of Object.entries(files)) parts[`OEBPS/${name}`] = strToU8(content);
  for (const [name, content] of Object.entries(extra)) parts[name] = strToU8(content);
  return zipSync(parts);
}

describe("pandoc's EPUB", async () => {
  const read = await readEpub(new Uint8Array(await readFile(join(ROOT, "test/fixtures/readers/epub/pandoc.epub"))), LIMITS);

  it("reads the chapters in spine order with their heading levels, without the title page", () => {
    expect(read.blocks.filter((b) => b.kind === "heading").map((b) => [b.level, b.text])).toEqual([
      [1, "مقدمة"],
      [2, "الزيارات الرسمية"],
      [3, "موقف الغرب"],
      [1, "خاتمة"],
    ]);
    expect(read.blocks.map((b) => b.text)).toContain("2023 زيارة بعد السابع من أكتوبر");
  });

  it("numbers each chapter's footnotes on from the last, keeping [n] in the text", () => {
    const text = read.blocks.map((b) => b.text).join(" | ");
    expect(text).toContain("الانتخابات التشريعية.[1]");
    expect(text).toContain("مارس 2006.[2]");
    // The second chapter's note is its own "1": the text says [3], as the reference does.
    expect(text).toContain("موضع جدل.[3]");
    expect(read.references.map((r) => [r.n, r.title, r.url])).toEqual([
      [1, "روسيا وحماس", "https://tass.ru/politika/123"],
      [2, "مقابلة مع سيرغي لافروف، صحيفة كوميرسانت.", undefined],
      [3, "روسيا وحماس", "https://tass.ru/politika/123"],
    ]);
  });

  it("takes title, author, language and a web address identifier from the package", () => {
    expect(read.meta).toEqual({ title: "العلاقات الروسية مع حماس", author: "فريق التحرير", language: "ar", url: "https://example.org/books/russia-hamas" });
  });
});

describe("books written here", () => {
  it("follows the spine, not the manifest, skips the navigation document, and finds notes in another file", async () => {
    const bytes = book(
      {
        "nav.xhtml": chapter('<nav epub:type="toc"><ol><li><a href="a.xhtml">الأول</a></li></ol></nav>'),
        "فصل أ.xhtml": chapter('<h1>الأول</h1><p>نص أول<a epub:type="noteref" href="notes.xhtml#n1">*</a><br/>وسطر.</p>'),
        "b.xhtml": chapter("<h1>الثاني</h1><p>نص ثان.</p>"),
        "notes.xhtml": chapter('<aside epub:type="footnote" id="n1"><p>ملاحظة في ملف آخر.</p></aside>'),
      },
      ["nav.xhtml", "فصل أ.xhtml", "b.xhtml", "notes.xhtml"],
      "<dc:title>كتاب</dc:title><dc:creator>أ</dc:creator><dc:creator>ب</dc:creator><dc:identifier>urn:uuid:1234</dc:identifier>",
    );
    const read = await readEpub(bytes, LIMITS);
    expect(read.blocks.map((b) => b.text)).toEqual(["الأول", "نص أول[1] وسطر.", "الثاني", "نص ثان."]);
    expect(read.references).toEqual([{ n: 1, title: "ملاحظة في ملف آخر." }]);
    expect(read.meta).toEqual({ title: "كتاب", author: "أ، ب" });
  });

  it("reads an EPUB 2 package that writes its elements with the opf: prefix", async () => {
    const parts = unzipSync(book({ "a.xhtml": chapter("<p>نص.</p>") }, ["a.xhtml"]));
    const opf = strFromU8(parts["OEBPS/book.opf"]!).replace(/<(\/?)(package|manifest|item|spine|itemref)\b/g, "<$1opf:$2");
    expect(opf).toContain("<opf:itemref");
    const read = await readEpub(zipSync({ ...parts, "OEBPS/book.opf": strToU8(opf) }), LIMITS);
    expect(read.blocks.map((b) => b.text)).toEqual(["نص."]);
  });

  it("reads a book whose fonts only are obfuscated, and refuses one whose chapters are encrypted", async () => {
    const files = { "a.xhtml": chapter("<p>نص.</p>") };
    const encryption = (uri: string) =>
      '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">' +
      `<enc:EncryptedData><enc:CipherData><enc:CipherReference URI="${uri}"/></enc:CipherData></enc:EncryptedData></encryption>`;
    const fonts = book(files, ["a.xhtml"], undefined, { "META-INF/encryption.xml": encryption("OEBPS/font.otf") });
    expect((await readEpub(fonts, LIMITS)).blocks).toHaveLength(1);
    const drm = book(files, ["a.xhtml"], undefined, { "META-INF/encryption.xml": encryption("OEBPS/a.xhtml") });
    await expect(readEpub(drm, LIMITS)).rejects.toMatchObject({ kind: "encrypted" });
  });

  it("refuses a book without container, package or chapters as corrupt, and one without text as empty", async () => {
    await expect(readEpub(zipSync({ mimetype: strToU8("application/epub+zip") }), LIMITS)).rejects.toMatchObject({ kind: "corrupt" });
    await expect(readEpub(zipSync({ "META-INF/container.xml": strToU8(CONTAINER) }), LIMITS)).rejects.toMatchObject({ kind: "corrupt" });
    await expect(readEpub(book({ "a.xhtml": chapter("<p>نص</p>") }, []), LIMITS)).rejects.toMatchObject({ kind: "corrupt" });
    await expect(readEpub(book({ "a.xhtml": chapter("<p> </p>") }, ["a.xhtml"]), LIMITS)).rejects.toMatchObject({ kind: "empty" });
  });

  it("refuses a truncated book as corrupt", async () => {
    const bytes = await readFile(join(ROOT, "test/fixtures/readers/epub/pandoc.epub"));
    await expect(readEpub(new Uint8Array(bytes.subarray(0, bytes.length / 2)), LIMITS)).rejects.toMatchObject({ kind: "corrupt" });
  });
});
