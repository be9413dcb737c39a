/**
 * Bytes of a web page to a DOM (domhandler nodes, which css-select and domutils read). The tree is
 * built here on htmlparser2's Tokenizer rather than by its Parser: the Parser keeps open elements
 * in an array it shifts and unshifts and searches on every close tag, so 100,000 nested elements
 * (or 100,000 stray close tags) cost seconds to minutes. Here the stack is pushed and popped, a
 * close tag with nothing open to close is dropped in O(1), and implied closes look at most a few
 * levels down: linear in the page whatever its shape.
 */
import { type Document, DomHandler } from "domhandler";
import { Tokenizer, type TokenizerCallbacks } from "htmlparser2";

const VOID = new Set("area base basefont br col embed frame hr img input isindex keygen link meta param source track wbr".split(" "));

/** Elements a <p> cannot hold: opening one closes an open paragraph. */
const CLOSES_P = new Set(
  (
    "address article aside blockquote details dialog div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 " +
    "header hgroup hr main menu nav ol p pre section table ul li dd dt"
  ).split(" "),
);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);

/** Opening `name` closes the nearest open element of the first set (and all it holds), unless one of the second comes first. */
const IMPLIED: Record<string, [Set<string>, Set<string>]> = {
  li: [new Set(["li"]), new Set(["ul", "ol", "menu", "table"])],
  dd: [new Set(["dd", "dt"]), new Set(["dl", "table"])],
  dt: [new Set(["dd", "dt"]), new Set(["dl", "table"])],
  td: [new Set(["td", "th"]), new Set(["tr", "table"])],
  th: [new Set(["td", "th"]), new Set(["tr", "table"])],
  tr: [new Set(["tr"]), new Set(["table", "thead", "tbody", "tfoot"])],
  option: [new Set(["option"]), new Set(["select", "datalist"])],
  optgroup: [new Set(["option", "optgroup"]), new Set(["select"])],
};
for (const section of ["thead", "tbody", "tfoot"]) IMPLIED[section] = [new Set(["thead", "tbody", "tfoot"]), new Set(["table"])];
const P = new Set(["p"]);
const P_SCOPE = new Set(["table", "td", "th", "caption", "button", "template", "object", "marquee", "applet", "html"]);

/** How far down the stack an implied close looks: enough for real pages, and constant work per tag. */
const SCOPE_DEPTH = 64;

/** Parses HTML (or XHTML, where `<x/>` closes itself) into a document. Never recurses. */
export function parseHtml(html: string, xhtml = false): Document {
  const handler = new DomHandler();
  const stack: string[] = [];
  const open = new Map<string, number>();
  let foreign = 0; // depth inside <svg> or <math>, where <x/> always closes itself
  let name = "";
  let attribs: Record<string, string> = {};
  let attribName = "";
  let attribValue = "";

  const pop = () => {
    const top = stack.pop()!;
    open.set(top, open.get(top)! - 1);
    if (top === "svg" || top === "math") foreign--;
    handler.onclosetag();
  };
  /** Closes the nearest open element of `targets`, and what it holds, unless a `boundary` comes first. */
  const closeNearest = (targets: Set<string>, boundary: Set<string>) => {
    for (let i = stack.length - 1; i >= Math.max(0, stack.length - SCOPE_DEPTH); i--) {
      const element = stack[i]!;
      if (targets.has(element)) {
        while (stack.length > i) pop();
        return;
      }
      if (boundary.has(element)) return;
    }
  };
  const openElement = (selfClosing: boolean) => {
    if (!name) return;
    if (CLOSES_P.has(name) && open.get("p")) closeNearest(P, P_SCOPE);
    if (HEADINGS.has(name) && HEADINGS.has(stack.at(-1) ?? "")) pop();
    const implied = IMPLIED[name];
    if (implied) closeNearest(...implied);
    handler.onopentag(name, attribs);
    if (VOID.has(name) || (selfClosing && (xhtml || foreign > 0))) {
      handler.onclosetag();
    } else {
      stack.push(name);
      open.set(name, (open.get(name) ?? 0) + 1);
      if (name === "svg" || name === "math") foreign++;
    }
    name = "";
  };

  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      name = html.slice(start, end).toLowerCase();
      attribs = {};
    },
    onattribname(start, end) {
      attribName = html.slice(start, end).toLowerCase();
      attribValue = "";
    },
    onattribdata(start, end) {
      attribValue += html.slice(start, end);
    },
    onattribentity(codePoint) {
      attribValue += String.fromCodePoint(codePoint);
    },
    onattribend() {
      if (!(attribName in attribs)) attribs[attribName] = attribValue;
    },
    onopentagend: () => openElement(false),
    onselfclosingtag: () => openElement(true),
    onclosetag(start, end) {
      const closing = html.slice(start, end).toLowerCase();
      if (closing === "br") {
        handler.onopentag("br", {});
        handler.onclosetag();
      } else if (open.get(closing)) {
        // Amortized constant: every element popped here was pushed once.
        while (stack.at(-1) !== closing) pop();
        pop();
      }
    },
    ontext(start, end) {
      handler.ontext(html.slice(start, end));
    },
    ontextentity(codePoint) {
      handler.ontext(String.fromCodePoint(codePoint));
    },
    oncdata(start, end) {
      handler.ontext(html.slice(start, end));
    },
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {},
    isInForeignContext: () => foreign > 0,
  };
  const tokenizer = new Tokenizer({ decodeEntities: true, recognizeSelfClosing: xhtml }, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  while (stack.length) pop();
  handler.onend();
  return handler.root;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The charset a page declares in its first bytes: `<meta charset>`, `http-equiv` or an XML declaration. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048));
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return match?.[1];
}

/**
 * A page's text: the charset from its byte-order mark, else its declaration, else UTF-8, and a page
 * that declares nothing and is not UTF-8 as Windows-1256, the code page of Arabic pages saved by
 * older Windows programs (and of pages that said it only in an HTTP header, lost on saving).
 */
export function decodeHtml(bytes: Uint8Array): string {
  let label = "utf-8";
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) label = "utf-8";
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = "utf-16le";
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = "utf-16be";
  // A page that says UTF-16 without a byte-order mark is ASCII-compatible, as browsers read it.
  else {
    const declared = declaredCharset(bytes);
    label = declared?.replace(/^utf-?16.*$/i, "utf-8") ?? (isUtf8(bytes) ? "utf-8" : "windows-1256");
  }
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    // A label the platform does not know (or a UTF-16 one declared inside an 8-bit page): read as UTF-8.
    return new TextDecoder("utf-8").decode(bytes);
  }
}
