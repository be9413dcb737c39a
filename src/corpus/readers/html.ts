/**
 * The web page reader: a saved page (MediaWiki article, news article, any page) to blocks,
 * references and header fields. Which part of the page is text, and which is chrome, comes from
 * the table of page kinds (html-pages.ts); `readPages` is shared with the Word and EPUB readers,
 * which turn their formats into HTML first.
 */
import type { AnyNode, Document, Element } from "domhandler";
import type { DocumentMeta, Reference } from "../document.js";
import { webAddress } from "../header.js";
import { elements, htmlBlocks, type Matcher, matcher, textLength, textOf } from "./html-blocks.js";
import { ALWAYS_SKIP, PAGE_KINDS, type PageKind } from "./html-pages.js";
import { decodeHtml, parseHtml } from "./html-parse.js";
import { Notes } from "./notes.js";
import { DocumentReadError, type DocumentReader, type ReadBlock, type ReadDocument } from "./reader.js";

/** One HTML file of a document (an e-book has many), and its path in the archive for links between them. */
export interface HtmlFile {
  root: Document;
  file?: string;
}

/** At most this many matches of a container selector are weighed (each costs a walk of its subtree). */
const MAX_CANDIDATES = 50;

/** The element of `root` holding the text, as `kind` says; the root itself when nothing matches. */
function container(root: Document, kind: PageKind, skip: Matcher): AnyNode {
  for (const selector of kind.container) {
    const matches = matcher(selector);
    const candidates: Element[] = [];
    for (const element of elements([root])) {
      if (matches(element)) candidates.push(element);
      if (candidates.length >= MAX_CANDIDATES) break;
    }
    if (!candidates.length) continue;
    const lengths = candidates.map((candidate) => textLength(candidate, skip));
    return candidates[lengths.indexOf(Math.max(...lengths))]!;
  }
  return root;
}

/**
 * The blocks and references of one document's HTML files, read in order with one page kind. Notes
 * are collected from every file first, so a marker may point to a note in a later file.
 */
export function readPages(files: HtmlFile[], kind: PageKind): { blocks: ReadBlock[]; references: Reference[] } {
  const notes = new Notes();
  for (const { root, file } of files) notes.collect(root, file);
  const chrome = matcher([...ALWAYS_SKIP, ...kind.skip]);
  const skip: Matcher = kind.dropLinkLists ? (element) => chrome(element) || isLinkList(element) : chrome;
  const blocks: ReadBlock[] = [];
  for (const { root, file } of files) {
    const text = container(root, kind, skip);
    // A news page often sets its headline above the article body: read it as the first heading.
    if (kind.headline && text !== root && ![...elements([text])].some((e) => e.name === "h1")) {
      const headline = pageHeadline(root, skip);
      if (headline) for (const block of htmlBlocks([headline], { skip })) blocks.push(block);
    }
    for (const block of htmlBlocks([text], { skip, notes, file })) blocks.push(block);
  }
  return { blocks, references: notes.references() };
}

/** The page's first <h1> outside its chrome (a site's logo may be an h1 in its banner); of the first few only. */
function pageHeadline(root: Document, skip: Matcher): Element | undefined {
  let seen = 0;
  for (const element of elements([root])) {
    if (element.name !== "h1") continue;
    let inChrome = false;
    for (let parent = element.parent; parent && parent.type === "tag" && !inChrome; parent = parent.parent) inChrome = skip(parent);
    if (!inChrome && !skip(element)) return element;
    if (++seen >= 20) return undefined;
  }
  return undefined;
}

/**
 * A list of two or more items, each only a link (with at most spaces or a separator beside it): a
 * menu or a list of other articles. Looks at the list's items and their children only: constant
 * work per element, whatever the page's depth.
 */
function isLinkList(element: Element): boolean {
  if (element.name !== "ul" && element.name !== "ol") return false;
  let items = 0;
  for (const item of element.children) {
    if (item.type === "text" && !item.data.trim()) continue;
    if (item.type !== "tag" || item.name !== "li") return false;
    let links = 0;
    for (const child of item.children) {
      if (child.type === "text" && /^[\s|•·،,-]*$/.test(child.data)) continue;
      if (child.type !== "tag" || child.name !== "a" || ++links > 1) return false;
    }
    if (links === 0) return false;
    items++;
  }
  return items >= 2;
}

/** The first kind of page in the table that an element of `root` says this page is. */
function pageKind(root: Document): PageKind {
  const tests = PAGE_KINDS.map((kind) => matcher(kind.recognize));
  let best = PAGE_KINDS.length - 1;
  for (const element of elements([root])) {
    for (let i = 0; i < best; i++) if (tests[i]!(element)) best = i;
    if (best === 0) break;
  }
  return PAGE_KINDS[best]!;
}

/** Separators between a page's title and its site's name: "روسيا وحماس - ويكيبيديا". */
const TITLE_SEPARATOR = /\s+[-|–—·»:]{1,2}\s+/g;

/** A page title without its site's name at the end (or start). */
function pageTitle(title: string, siteName?: string): string {
  const parts = title.split(TITLE_SEPARATOR);
  if (parts.length < 2) return title;
  const site = siteName?.trim();
  if (site && parts.at(-1) === site) return title.slice(0, title.lastIndexOf(site)).replace(/[\s\-|–—·»:]+$/, "");
  if (site && parts[0] === site) return title.slice(site.length).replace(/^[\s\-|–—·»:]+/, "");
  // Without a site name: the last part, when it is a short name beside a longer title.
  const last = parts.at(-1)!;
  const rest = title.slice(0, title.length - last.length).replace(/[\s\-|–—·»:]+$/, "");
  return last.split(/\s+/).length <= 3 && last.length < rest.length ? rest : title;
}

/** Header fields from the page's head: title, canonical address, language, author. */
function pageMeta(root: Document): Partial<DocumentMeta> {
  const metas = new Map<string, string>();
  let title: string | undefined;
  let h1: string | undefined;
  let canonical: string | undefined;
  let language: string | undefined;
  let byline: string | undefined;
  for (const element of elements([root])) {
    const { attribs } = element;
    if (element.name === "meta" && attribs.content) {
      const key = (attribs.name ?? attribs.property ?? attribs["http-equiv"] ?? "").toLowerCase();
      if (key && !metas.has(key)) metas.set(key, attribs.content.trim());
    } else if (element.name === "title" && title === undefined) {
      title = textOf(element.children, { skip: () => false });
    } else if (element.name === "h1" && h1 === undefined) {
      h1 = textOf(element.children, { skip: matcher(ALWAYS_SKIP) });
    } else if (element.name === "link" && /(^|\s)canonical(\s|$)/i.test(attribs.rel ?? "")) {
      canonical ??= webAddress(attribs.href?.trim() ?? "");
    } else if (element.name === "script" && attribs.type === "application/ld+json") {
      byline ??= linkedDataAuthor(textOf(element.children, { skip: () => false }));
    } else if (element.name === "a" && /(^|\s)author(\s|$)/.test(attribs.rel ?? "")) {
      byline ??= textOf(element.children, { skip: () => false }) || undefined;
    } else if (element.name === "html") {
      language ??= (attribs.lang ?? attribs["xml:lang"])?.trim() || undefined;
    }
  }
  const ogTitle = metas.get("og:title");
  const meta: Partial<DocumentMeta> = {};
  const chosen = (title && pageTitle(title, metas.get("og:site_name"))) || ogTitle || h1;
  if (chosen) meta.title = chosen;
  const url = canonical ?? webAddress(metas.get("og:url") ?? "");
  if (url) meta.url = url;
  language ??= metas.get("content-language");
  if (language) meta.language = language;
  const articleAuthor = metas.get("article:author");
  const author = metas.get("author") ?? (articleAuthor && !/^https?:/i.test(articleAuthor) ? articleAuthor : undefined) ?? byline;
  if (author) meta.author = author;
  return meta;
}

/** The author a page's schema.org data names (`"author": {"name": …}` or a list of them). */
function linkedDataAuthor(json: string): string | undefined {
  try {
    const data = JSON.parse(json);
    const authors = [
      data?.author ?? (Array.isArray(data?.["@graph"]) ? data["@graph"].find((x: { author?: unknown }) => x?.author)?.author : undefined),
    ].flat();
    const names = authors.map((a) => (typeof a === "string" ? a : a?.name)).filter((name): name is string => typeof name === "string" && !!name.trim());
    return names.length ? names.join("، ") : undefined;
  } catch {
    return undefined;
  }
}

export const readHtml: DocumentReader = async (bytes, limits) => {
  if (bytes.length > limits.maxBytes) throw new DocumentReadError("too-big", `the page is ${bytes.length} bytes, past the limit of ${limits.maxBytes}`);
  const root = parseHtml(decodeHtml(bytes));
  const kind = pageKind(root);
  const { blocks, references } = readPages([{ root }], kind);
  if (!blocks.length) throw new DocumentReadError("empty", "the page has no text");
  const warnings = kind.name === "generic" ? ["no article container found: read the page less its header, menus and footer"] : [];
  const document: ReadDocument = { meta: pageMeta(root), blocks, references, warnings };
  return document;
};
