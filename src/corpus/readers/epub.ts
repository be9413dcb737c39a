/**
 * The EPUB reader: container.xml names the package (OPF), whose metadata gives the header fields
 * and whose spine gives the chapters in reading order; each chapter (XHTML) is read by the web
 * page reader's walker, with the notes of every chapter collected first so that a marker finds
 * its note in any file. The archive is read through zip.ts, within the limits.
 */
import { posix } from "node:path";
import type { Element } from "domhandler";
import type { DocumentMeta } from "../document.js";
import { webAddress } from "../header.js";
import { type HtmlFile, readPages } from "./html.js";
import { elements, textOf } from "./html-blocks.js";
import { BOOK_PAGE } from "./html-pages.js";
import { decodeHtml, parseHtml } from "./html-parse.js";
import { DocumentReadError, type DocumentReader } from "./reader.js";
import { ZipArchive } from "./zip.js";

const CHAPTER_TYPES = new Set(["application/xhtml+xml", "text/html", "application/xml", "text/x-oeb1-document"]);

const corrupt = (why: string) => new DocumentReadError("corrupt", `the EPUB ${why}`);

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** An XML part of the archive as a DOM, or undefined when absent. */
function xmlPart(zip: ZipArchive, path: string) {
  const bytes = zip.read(path);
  return bytes && parseHtml(decodeHtml(bytes), true);
}

const textIn = (element: Element) => textOf(element.children, { skip: () => false });
/** An element's name without its namespace prefix: EPUB 2 books may write `<opf:item>`. */
const localName = (element: Element) => element.name.replace(/^[^:]*:/, "");

/** Header fields from the package's metadata: dc:title, dc:creator, dc:language, a dc:identifier that is a web address. */
function packageMeta(metadata: Element[]): Partial<DocumentMeta> {
  const meta: Partial<DocumentMeta> = {};
  const creators: string[] = [];
  for (const element of metadata) {
    const value = textIn(element);
    if (!value) continue;
    if (element.name === "dc:title") meta.title ??= value;
    else if (element.name === "dc:creator") creators.push(value);
    else if (element.name === "dc:language") meta.language ??= value;
    else if (element.name === "dc:identifier") meta.url ??= webAddress(value);
  }
  if (creators.length) meta.author = creators.join("، ");
  if (!meta.url) delete meta.url;
  return meta;
}

export const readEpub: DocumentReader = async (bytes, limits) => {
  if (bytes.length > limits.maxBytes) throw new DocumentReadError("too-big", `the file is ${bytes.length} bytes, past the limit of ${limits.maxBytes}`);
  const zip = new ZipArchive(bytes, limits);
  const container = xmlPart(zip, "META-INF/container.xml");
  if (!container) throw corrupt("has no META-INF/container.xml");
  const rootfile = [...elements([container])].find((e) => localName(e) === "rootfile" && e.attribs["full-path"]);
  const opfPath = rootfile && decoded(rootfile.attribs["full-path"]!);
  const opf = opfPath ? xmlPart(zip, opfPath) : undefined;
  if (!opfPath || !opf) throw corrupt("names no package document (OPF)");

  const all = [...elements([opf])];
  const manifest = new Map<string, Element>();
  for (const item of all) if (localName(item) === "item" && item.attribs.id) manifest.set(item.attribs.id, item);
  const base = posix.dirname(opfPath);
  const chapters: string[] = [];
  for (const itemref of all.filter((e) => localName(e) === "itemref")) {
    const item = manifest.get(itemref.attribs.idref ?? "");
    if (!item?.attribs.href || !CHAPTER_TYPES.has(item.attribs["media-type"] ?? "")) continue;
    // The navigation document is the book's table of contents, not its text.
    if (/(^|\s)nav(\s|$)/.test(item.attribs.properties ?? "")) continue;
    chapters.push(posix.normalize(posix.join(base, decoded(item.attribs.href))));
  }
  if (!chapters.length) throw corrupt("has no chapters in its spine");
  refuseDrm(zip, chapters);

  const files: HtmlFile[] = [];
  for (const file of chapters) {
    const chapter = zip.read(file);
    if (!chapter) throw corrupt(`lacks its chapter ${file}`);
    files.push({ root: parseHtml(decodeHtml(chapter), true), file });
  }
  const { blocks, references } = readPages(files, BOOK_PAGE);
  if (!blocks.length) throw new DocumentReadError("empty", "the EPUB has no text");
  const metadata = all.filter((e) => e.name.startsWith("dc:"));
  return { meta: packageMeta(metadata), blocks, references, warnings: [] };
};

/**
 * Refuses a book whose chapters are encrypted (DRM): META-INF/encryption.xml lists them. Fonts
 * listed there are only obfuscated, which does not stop the text being read.
 */
function refuseDrm(zip: ZipArchive, chapters: string[]): void {
  const encryption = xmlPart(zip, "META-INF/encryption.xml");
  if (!encryption) return;
  const wanted = new Set(chapters);
  for (const element of elements([encryption])) {
    const uri = element.attribs.uri ?? element.attribs.URI;
    if (element.name.endsWith("cipherreference") && uri && wanted.has(posix.normalize(decoded(uri)))) {
      throw new DocumentReadError("encrypted", "the EPUB's chapters are encrypted (DRM): it cannot be read");
    }
  }
}
