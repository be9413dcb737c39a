/**
 * Footnotes, endnotes and a wiki's reference list: the notes of one document (over one or many
 * files, an e-book's chapters), the numbers their markers cite, and the references they become.
 * A marker keeps its own number (`[3]`, pandoc's raised `3`) unless another note took it already
 * (chapters that each count from 1); then it gets the next free number, and the text says `[n]`
 * with that number, so that every marker in the text names exactly one reference.
 */
import { posix } from "node:path";
import type { AnyNode, Element } from "domhandler";
import { asciiDigits } from "../../text/arabic.js";
import { parseReferences } from "../clean.js";
import type { Reference } from "../document.js";
import { webAddress } from "../header.js";
import { elements, type Matcher, matcher, textOf } from "./html-blocks.js";
import { NOTES } from "./html-pages.js";

const folder = (file: string) => posix.normalize(file || ".");

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export class Notes {
  private readonly byKey = new Map<string, Element>();
  private readonly byId = new Map<string, Element>();
  private readonly order: Element[] = [];
  private readonly numbers = new Map<Element, number>();
  private readonly used = new Set<number>();
  private readonly items = new Set<Element>();
  private highest = 0;
  private readonly isMarker: Matcher = matcher(NOTES.marker);
  private readonly isItem: Matcher = matcher(NOTES.item);
  private readonly isBacklink: Matcher = matcher(NOTES.backlink);

  /** Registers the notes of one file's DOM. Call for every file before reading any text. */
  collect(root: AnyNode, file = ""): void {
    for (const element of elements([root])) {
      const id = element.attribs.id;
      if (!id || !this.isItem(element) || this.byKey.has(`${folder(file)}#${id}`)) continue;
      this.byKey.set(`${folder(file)}#${id}`, element);
      if (!this.byId.has(id)) this.byId.set(id, element);
      this.order.push(element);
      this.items.add(element);
    }
  }

  isNote(element: Element): boolean {
    return this.items.has(element);
  }

  /** The number a marker cites, when `element` is a marker pointing to a known note; else undefined. */
  cite(element: Element, file = ""): number | undefined {
    if (!this.order.length || !this.isMarker(element)) return undefined;
    const href = element.attribs.href ?? linkBelow(element);
    const hash = href?.indexOf("#") ?? -1;
    if (!href || hash < 0) return undefined;
    const id = decoded(href.slice(hash + 1));
    const path = decoded(href.slice(0, hash));
    const inFile = /^[a-z][\w+.-]*:|^\/\//i.test(path) ? undefined : path ? posix.join(posix.dirname(folder(file)), path) : folder(file);
    const note = (inFile !== undefined ? this.byKey.get(`${folder(inFile)}#${id}`) : undefined) ?? this.byId.get(id);
    if (!note) return undefined;
    const known = this.numbers.get(note);
    if (known !== undefined) return known;
    const own = Number(/\d+/.exec(asciiDigits(textOf([element], { skip: () => false })))?.[0]);
    return this.number(note, own);
  }

  private number(note: Element, preferred: number): number {
    const n = preferred > 0 && !this.used.has(preferred) ? preferred : this.highest + 1;
    this.used.add(n);
    this.highest = Math.max(this.highest, n);
    this.numbers.set(note, n);
    return n;
  }

  /** Every note as a reference, by number; notes no marker cites get the next free numbers, in order. */
  references(): Reference[] {
    const references: Reference[] = [];
    for (const [i, note] of this.order.entries()) {
      const n = this.numbers.get(note) ?? this.number(note, i + 1);
      const text = textOf(note.children, { skip: this.isBacklink })
        .replace(/^[\s^↑]+/, "")
        .trim();
      if (!text) continue;
      const parsed = parseReferences([`${n}. ${text}`])[0] ?? { n, title: text };
      const url = noteLink(note);
      references.push({ ...parsed, n, ...(url ? { url } : {}) });
    }
    return references.sort((a, b) => a.n - b.n);
  }
}

/** The href of the first link a few levels below a marker (`<sup><a href>`). */
function linkBelow(element: Element): string | undefined {
  let level: AnyNode[] = element.children;
  for (let depth = 0; depth < 3 && level.length; depth++) {
    const next: AnyNode[] = [];
    for (const node of level) {
      if (node.type !== "tag") continue;
      if (node.name === "a" && node.attribs.href) return node.attribs.href;
      next.push(...node.children.slice(0, 20));
    }
    level = next;
  }
  return undefined;
}

/** A note's web address: its first external link (a wiki's own links are relative or not "external"), else its first http(s) link. */
function noteLink(note: Element): string | undefined {
  let first: string | undefined;
  for (const element of elements(note.children)) {
    const url = element.name === "a" ? webAddress(element.attribs.href ?? "") : undefined;
    if (!url) continue;
    if (/\bexternal\b/.test(element.attribs.class ?? "")) return url;
    first ??= url;
  }
  return first;
}
