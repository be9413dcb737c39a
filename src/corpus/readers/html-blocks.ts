/**
 * A DOM to blocks: headings with levels and paragraphs, in reading order, with a space at every
 * boundary between blocks (or table cells, or line breaks) so that `<div>حساب</div><div>دخول</div>`
 * never reads `حسابدخول`, and no space inside inline elements (`<b>ال</b>كتاب` stays one word).
 * Note markers become `[n]`, numbered by the notes they point to (notes.ts). The walk is iterative:
 * a page's depth costs memory in an array, never stack frames.
 */
import { compile } from "css-select";
import type { AnyNode, Element } from "domhandler";
import type { Notes } from "./notes.js";
import type { ReadBlock } from "./reader.js";

/** Elements that stand on their own line: text before, inside and after each is its own paragraph. */
const BLOCKS = new Set(
  (
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption figure footer form " +
    "header hgroup hr html li legend main menu nav ol p pre section summary table tbody tfoot thead tr ul"
  ).split(" "),
);
/** Elements that break a line without ending the paragraph: a space at each side. (Not <wbr>: it breaks no word.) */
const SEPARATED = new Set(["td", "th", "img"]);
/** Inline styles that lay an element out as its own box: a space at each side. */
const BOX_STYLE = /display\s*:\s*(block|inline-block|flex|grid|table|list-item)/i;

/** A compiled selector list: `matches(element)`. Null for an empty list. */
export type Matcher = (element: Element) => boolean;
export function matcher(selectors: string[] | string): Matcher {
  const list = Array.isArray(selectors) ? selectors.join(", ") : selectors;
  if (!list.trim()) return () => false;
  const query = compile<AnyNode, Element>(list);
  return (element) => query(element);
}

const isElement = (node: AnyNode): node is Element => node.type === "tag" || node.type === "script" || node.type === "style";

/** The heading level of an element: h1–h6, or role=heading with aria-level. */
function headingLevel(element: Element): number | undefined {
  const h = /^h([1-6])$/.exec(element.name);
  if (h) return Number(h[1]);
  if (element.attribs.role === "heading") return Math.min(Math.max(Number(element.attribs["aria-level"]) || 2, 1), 6);
  return undefined;
}

/** What to close when the walk leaves an element. */
type Exit = { exit: "block" | "space" | "heading" | "row" };

/**
 * A table row of short cells (each at most one paragraph, no table inside) reads as one
 * paragraph, its cells separated by spaces; the rows of a layout table that holds a page do not.
 */
function compactRow(row: Element): boolean {
  for (const cell of row.children) {
    if (cell.type !== "tag") continue;
    let blocks = 0;
    for (const child of cell.children) {
      if (child.type !== "tag") continue;
      if (child.name === "table" || (BLOCKS.has(child.name) && ++blocks > 1)) return false;
    }
  }
  return true;
}

export interface WalkOptions {
  /** Elements dropped with their content. */
  skip: Matcher;
  /** Where note markers point, and which elements are notes (dropped from the text). */
  notes?: Notes;
  /** The file the DOM came from, to resolve a marker's link to a note in another file. */
  file?: string;
}

/** The blocks of `roots` (and all they hold), in document order. */
export function htmlBlocks(roots: AnyNode[], options: WalkOptions): ReadBlock[] {
  const { skip, notes, file = "" } = options;
  const blocks: ReadBlock[] = [];
  let buffer = "";
  let heading: number | undefined; // level of the heading being read
  let headingDepth = 0; // headings open inside that heading (a malformed page's <h2><h3>)
  let rows = 0; // compact table rows being read: their blocks are only spaces
  let lineBreak = -1; // where in `buffer` the last <br> stood

  const flush = (kind: ReadBlock["kind"] = "paragraph", level?: number) => {
    const text = buffer.replace(/\s+/g, " ").trim();
    buffer = "";
    lineBreak = -1;
    if (!text) return;
    blocks.push(kind === "heading" ? { kind, text, level } : { kind, text });
  };

  const stack: (AnyNode | Exit)[] = [...roots].reverse();
  while (stack.length) {
    const item = stack.pop()!;
    if ("exit" in item) {
      if (item.exit === "space") buffer += " ";
      else if (item.exit === "heading" && --headingDepth === 0) {
        flush("heading", heading);
        heading = undefined;
      } else if (item.exit === "row" && --rows === 0) {
        flush();
      } else if (item.exit === "block" || item.exit === "row") {
        if (heading === undefined && rows === 0) flush();
        else buffer += " ";
      }
      continue;
    }
    if (item.type === "text") {
      buffer += item.data;
      continue;
    }
    if (item.type === "root") {
      for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i]!);
      continue;
    }
    if (!isElement(item) || skip(item) || notes?.isNote(item)) continue;

    const cited = notes?.cite(item, file);
    if (cited !== undefined) {
      buffer += `[${cited}]`;
      continue;
    }
    if (item.name === "br") {
      // Two line breaks with nothing between end a paragraph, as pages without <p> write them; one is a space.
      if (lineBreak >= 0 && !buffer.slice(lineBreak).trim() && heading === undefined && rows === 0) flush();
      else buffer += " ";
      lineBreak = buffer.length;
      continue;
    }
    const level = headingLevel(item);
    if (level !== undefined) {
      if (heading === undefined) {
        flush();
        heading = level;
      }
      headingDepth++;
      stack.push({ exit: "heading" });
    } else if (item.name === "tr" && heading === undefined && (rows > 0 || compactRow(item))) {
      if (rows === 0) flush();
      else buffer += " ";
      rows++;
      stack.push({ exit: "row" });
    } else if (BLOCKS.has(item.name)) {
      if (heading === undefined && rows === 0) flush();
      else buffer += " ";
      stack.push({ exit: "block" });
    } else if (SEPARATED.has(item.name) || BOX_STYLE.test(item.attribs.style ?? "")) {
      buffer += " ";
      stack.push({ exit: "space" });
    }
    for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i]!);
  }
  flush();
  return blocks;
}

/** Every element under `roots`, in document order, without recursion. */
export function* elements(roots: AnyNode[]): Generator<Element> {
  const stack: AnyNode[] = [...roots].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node) && node.type !== "root") continue;
    if (isElement(node)) yield node;
    const children = (node as Element).children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** The text of `roots` on one line (the blocks joined by spaces). */
export function textOf(roots: AnyNode[], options: WalkOptions): string {
  return htmlBlocks(roots, options)
    .map((block) => block.text)
    .join(" ");
}

/** The number of characters of text under `root`, for choosing the container that holds most. */
export function textLength(root: AnyNode, skip: Matcher): number {
  let length = 0;
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "text") length += node.data.trim().length;
    else if (isElement(node) && !skip(node)) for (const child of node.children) stack.push(child);
  }
  return length;
}
