/**
 * Checks text against Telegram's HTML parse mode as documented in the Bot API: only its tags,
 * properly nested, and only its four named entities (or numeric ones). Returns the length Telegram
 * counts (text after parsing), or throws saying what is wrong.
 */
const ALLOWED = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote"]);

export function checkTelegramHtml(html: string): number {
  const stack: string[] = [];
  let visible = 0;
  const token = /<(\/?)([a-z-]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>|&(?:lt|gt|amp|quot|#\d+|#x[\da-f]+);|[<>&]|[^<>&]+/gi;
  let consumed = 0;
  for (const match of html.matchAll(token)) {
    if (match.index !== consumed) throw new Error(`unparsable text at ${consumed}`);
    consumed += match[0].length;
    const [whole, closing, tag, attributes] = match;
    if (tag) {
      const name = tag.toLowerCase();
      if (!ALLOWED.has(name)) throw new Error(`tag <${name}> is not allowed`);
      if (closing) {
        if (stack.pop() !== name) throw new Error(`</${name}> closes nothing open`);
      } else {
        if (name === "a" && !/^\s+href="[^"]+"$/.test(attributes ?? "")) throw new Error(`<a> needs exactly an href: ${whole}`);
        if (name === "blockquote" && attributes && attributes.trim() !== "expandable") throw new Error(`bad blockquote: ${whole}`);
        stack.push(name);
      }
    } else if (whole === "<" || whole === ">" || whole === "&") {
      throw new Error(`unescaped ${whole} at ${match.index}`);
    } else {
      visible += whole.startsWith("&") ? 1 : whole.length;
    }
  }
  if (consumed !== html.length) throw new Error("trailing text could not be parsed");
  if (stack.length) throw new Error(`unclosed <${stack.join(">, <")}>`);
  return visible;
}
