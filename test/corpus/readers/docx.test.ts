/**
 * The Word reader on small documents made from test/fixtures/readers/docx/sample.md:
 * `pandoc sample.md -o pandoc.docx`, and LibreOffice's re-save of it
 * (`soffice --headless --convert-to 'docx:MS Word 2007 XML' pandoc.docx`); and
 * notes.libreoffice.docx, LibreOffice's DOCX of notes.html (footnotes and an endnote:
 * `soffice --headless --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' notes.html`).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readDocx } from "../../../src/corpus/readers/docx.js";
import { ROOT } from "../../helpers/paths.js";

const LIMITS = { maxBytes: 50 * 1024 * 1024, maxInflatedBytes: 200 * 1024 * 1024, maxPages: 1000 };
const FIXTURES = join(ROOT, "test/fixtures/readers/docx");
const fixture = async (name: string) => new Uint8Array(await readFile(join(FIXTURES, name)));

/** The pandoc fixture with one part replaced. */
async function withPart(name: string, content: string | undefined): Promise<Uint8Array> {
  const parts = unzipSync(await fixture("pandoc.docx"));
  if (content === undefined) delete parts[name];
  else parts[name] = strToU8(content);
  return zipSync(parts);
}

describe.each(["pandoc.docx", "libreoffice.docx"])("reading %s", (file) => {
  it("keeps the heading levels of Word's heading styles, and the title as a first heading", async () => {
    const { blocks } = await readDocx(await fixture(file), LIMITS);
    expect(blocks.filter((b) => b.kind === "heading").map((b) => [b.level, b.text])).toEqual([
      [1, "العلاقات الروسية مع حماس"],
      [1, "مقدمة"],
      [2, "الزيارات الرسمية"],
      [3, "موقف الغرب"],
      [1, "خاتمة"],
    ]);
  });

  it("keeps footnote marks as [n] in the text, and makes the footnotes references", async () => {
    const { blocks, references } = await readDocx(await fixture(file), LIMITS);
    const paragraphs = blocks.filter((b) => b.kind === "paragraph").map((b) => b.text);
    expect(paragraphs).toContain("استقبلت موسكو وفدا من الحركة برئاسة خالد مشعل في مارس 2006.[2] وتكررت الزيارات لاحقا.");
    expect(paragraphs).toContain("تبقى العلاقة موضع جدل.[3]");
    expect(paragraphs.join(" ")).not.toContain("↑");
    expect(references).toEqual([
      { n: 1, title: "روسيا وحماس", details: "وكالة تاس. 2006.", url: "https://tass.ru/politika/123" },
      { n: 2, title: "مقابلة مع سيرغي لافروف، صحيفة كوميرسانت." },
      { n: 3, title: "روسيا وحماس", details: "وكالة تاس. 2006.", url: "https://tass.ru/politika/123" },
    ]);
  });

  it("reads a table row as one paragraph and list items apart", async () => {
    const paragraphs = (await readDocx(await fixture(file), LIMITS)).blocks.map((b) => b.text);
    expect(paragraphs).toContain("2023 زيارة بعد السابع من أكتوبر");
    expect(paragraphs).toContain("البند الأول في القائمة");
  });

  it("takes title, author and language from the core properties", async () => {
    const { meta } = await readDocx(await fixture(file), LIMITS);
    expect(meta).toEqual({ title: "العلاقات الروسية مع حماس", author: "فريق التحرير", language: "ar" });
  });
});

describe("footnotes and endnotes together", () => {
  it("numbers them in the order of their marks, as Word shows them, and makes both references", async () => {
    const { blocks, references } = await readDocx(await fixture("notes.libreoffice.docx"), LIMITS);
    expect(blocks.map((b) => b.text)).toEqual(["عنوان", "نص فيه حاشية[1] ونص فيه تعليق ختامي[2].", "فقرة ثانية مع حاشية أخرى[3]."]);
    expect(references).toEqual([
      { n: 1, title: "الحاشية الأولى." },
      { n: 2, title: "التعليق الختامي." },
      { n: 3, title: "الحاشية الثانية." },
    ]);
  });
});

describe("Word documents with less in them", () => {
  it("reads a document without core properties, leaving the header to the file name", async () => {
    const { meta, blocks } = await readDocx(await withPart("docProps/core.xml", undefined), LIMITS);
    expect(meta).toEqual({});
    expect(blocks.length).toBeGreaterThan(5);
  });

  it("leaves out a language that LibreOffice took from its own interface rather than the Arabic text, saying so", async () => {
    const core = new TextDecoder().decode(unzipSync(await fixture("pandoc.docx"))["docProps/core.xml"]);
    const read = await readDocx(
      await withPart("docProps/core.xml", core.replace(/<dc:language>ar<\/dc:language>/, "<dc:language>en-US</dc:language>")),
      LIMITS,
    );
    expect(read.meta.language).toBeUndefined();
    expect(read.warnings.join(" ")).toContain("en-US");
  });

  it("reads a heading in Word's Arabic style name as a heading", async () => {
    const parts = unzipSync(await fixture("pandoc.docx"));
    const styles = new TextDecoder()
      .decode(parts["word/styles.xml"])
      .replace(/w:styleId="Heading2"(\s+w:type="paragraph">\s*<w:name w:val=)"Heading 2"/, 'w:styleId="x2"$1"عنوان 2"');
    expect(styles).toContain("عنوان 2");
    const document = new TextDecoder().decode(parts["word/document.xml"]).replaceAll('w:val="Heading2"', 'w:val="x2"');
    const { blocks } = await readDocx(zipSync({ ...parts, "word/styles.xml": strToU8(styles), "word/document.xml": strToU8(document) }), LIMITS);
    expect(blocks).toContainEqual({ kind: "heading", text: "الزيارات الرسمية", level: 2 });
  });
});

describe("Word files that cannot be read", () => {
  it("refuses a zip without a Word document in it", async () => {
    await expect(readDocx(zipSync({ "a.txt": strToU8("نص") }), LIMITS)).rejects.toMatchObject({ kind: "unsupported" });
  });

  it("refuses a document whose XML is broken as corrupt, with one line", async () => {
    const error = await readDocx(await withPart("word/document.xml", "<w:document><w:body><w:p"), LIMITS).catch((e) => e);
    expect(error).toMatchObject({ kind: "corrupt" });
    expect(error.message).not.toContain("\n");
  });

  it("refuses a truncated file as corrupt", async () => {
    const bytes = await fixture("pandoc.docx");
    await expect(readDocx(bytes.subarray(0, Math.floor(bytes.length * 0.6)), LIMITS)).rejects.toMatchObject({ kind: "corrupt" });
  });

  it("refuses a password-protected file (an OLE file holding EncryptionInfo) as encrypted, and an old .doc as unsupported", async () => {
    const ole = (stream: string) =>
      new Uint8Array(
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600), Buffer.from(stream, "utf16le"), Buffer.alloc(600)]),
      );
    await expect(readDocx(ole("EncryptionInfo"), LIMITS)).rejects.toMatchObject({ kind: "encrypted" });
    await expect(readDocx(ole("WordDocument"), LIMITS)).rejects.toMatchObject({ kind: "unsupported" });
  });

  it("refuses a document with no text as empty", async () => {
    const empty = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>';
    await expect(readDocx(await withPart("word/document.xml", empty), LIMITS)).rejects.toMatchObject({ kind: "empty" });
  });
});
