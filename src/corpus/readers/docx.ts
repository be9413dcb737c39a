/**
 * The Word reader: mammoth turns the document into HTML that keeps heading levels and footnotes,
 * and the web page reader's block walker reads that. Mammoth (JSZip inside) never sees the file
 * itself: zip.ts checks the archive against the limits and inflates the parts mammoth reads,
 * which are handed to it re-zipped without compression, and without the images it would not use.
 */
import { zipSync } from "fflate";
import mammoth from "mammoth";
import type { DocumentMeta } from "../document.js";
import { readPages } from "./html.js";
import { elements, textOf } from "./html-blocks.js";
import { BOOK_PAGE } from "./html-pages.js";
import { parseHtml } from "./html-parse.js";
import { DocumentReadError, type DocumentReader } from "./reader.js";
import { refuseOle, ZipArchive } from "./zip.js";

/**
 * Word's heading styles to h1–h6 (mammoth's default map has the English names; Word in Arabic
 * writes "عنوان 1"), the title as a first-level heading, a subtitle as a paragraph.
 */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  ...[1, 2, 3, 4, 5, 6].map((n) => `p[style-name='عنوان ${n}'] => h${n}:fresh`),
];

/** The parts mammoth reads: the document, its styles, numbering, notes, relationships. Not media. */
const wanted = (name: string) =>
  !/^word\/(media|embeddings)\//.test(name) && (name.startsWith("word/") || /^(_rels\/\.rels|\[Content_Types\]\.xml)$/.test(name));

/** Mammoth's notes on what it read that are no loss: styles it has no mapping for are read as paragraphs. */
const HARMLESS = /^Unrecognised (paragraph|run) style/;

/** Title, author and language from the core properties (docProps/core.xml). */
function coreProperties(xml: string | undefined): Partial<DocumentMeta> {
  if (!xml) return {};
  const meta: Partial<DocumentMeta> = {};
  const fields: Record<string, "title" | "author" | "language"> = { "dc:title": "title", "dc:creator": "author", "dc:language": "language" };
  for (const element of elements([parseHtml(xml, true)])) {
    const key = fields[element.name];
    const value = key && textOf(element.children, { skip: () => false });
    if (key && value && !meta[key]) meta[key] = value;
  }
  return meta;
}

/** Whether most letters of `text` are Arabic. */
function mostlyArabic(text: string): boolean {
  const arabic = text.match(/\p{Script=Arabic}/gu)?.length ?? 0;
  return arabic * 2 > (text.match(/\p{L}/gu)?.length ?? 0);
}

export const readDocx: DocumentReader = async (bytes, limits) => {
  if (bytes.length > limits.maxBytes) throw new DocumentReadError("too-big", `the file is ${bytes.length} bytes, past the limit of ${limits.maxBytes}`);
  refuseOle(bytes, "Word document");
  const zip = new ZipArchive(bytes, limits);
  if (!zip.has("word/document.xml")) throw new DocumentReadError("unsupported", "a zip archive without word/document.xml: not a Word document");
  const parts: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const name of zip.names()) if (wanted(name)) parts[name] = [zip.read(name)!, { level: 0 }];
  const meta = coreProperties(zip.text("docProps/core.xml"));

  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(zipSync(parts)) },
      {
        styleMap: STYLE_MAP,
        ignoreEmptyParagraphs: true,
        externalFileAccess: false,
        // Images are not text: an empty element, and the image is never read.
        convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
      },
    );
  } catch (error) {
    throw new DocumentReadError("corrupt", `the Word document cannot be read: ${String((error as Error).message ?? error).split("\n")[0]}`);
  }

  const { blocks, references } = readPages([{ root: parseHtml(result.value) }], BOOK_PAGE);
  if (!blocks.length) throw new DocumentReadError("empty", "the Word document has no text");
  const warnings: string[] = [];
  // LibreOffice writes the language of its own interface, not the text's: an Arabic text "en-US".
  if (meta.language && !/^ar\b/i.test(meta.language) && mostlyArabic(blocks.map((b) => b.text).join(" "))) {
    warnings.push(`the file says its language is ${meta.language}, but its text is Arabic: language left out`);
    delete meta.language;
  }
  const notes = new Set(result.messages.map((m) => m.message.split("\n")[0]!).filter((m) => !HARMLESS.test(m)));
  warnings.push(...[...notes].slice(0, 10));
  return { meta, blocks, references, warnings };
};
