/** Only http and https addresses become links: a header or a reference list never carries javascript: and the like. */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseReferences } from "../../src/corpus/clean.js";
import { parseHeader } from "../../src/corpus/header.js";
import { loadCorpus } from "../../src/corpus/load.js";
import { scratchDir } from "../helpers/paths.js";

const HOSTILE = [
  "javascript:alert(1)",
  "JavaScript:alert(document.cookie)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox",
  "file:///etc/passwd",
  "ftp://example.org/x",
  "tg://resolve?domain=x",
  "//example.org/x",
  "https://",
  "http:// spaced.org",
];

describe("document header url", () => {
  it("keeps an http or https address as written", () => {
    expect(parseHeader("---\nurl: https://ar.wikipedia.org/wiki/العلاقات_بين_روسيا_وحماس\n---\nنص").meta.url).toBe(
      "https://ar.wikipedia.org/wiki/العلاقات_بين_روسيا_وحماس",
    );
    expect(parseHeader("---\nurl: HTTP://Example.org/a?b=1\n---\nنص").meta.url).toBe("HTTP://Example.org/a?b=1");
  });

  it.each(HOSTILE)("drops %s, with a warning naming the field", (url) => {
    const parsed = parseHeader(`---\ntitle: T\nurl: ${url}\n---\nنص`);
    expect(parsed.meta).toEqual({ title: "T" });
    expect(parsed.warnings).toEqual([expect.stringContaining("url")]);
  });

  it("never reaches a loaded document, and the loader reports why", async () => {
    const dir = await scratchDir();
    await writeFile(join(dir, "a.txt"), "---\nid: a\nurl: javascript:alert(1)\n---\nفقرة من نص عربي فيها جملة كاملة تكفي لتبقى بعد التنظيف.\n");
    const corpus = await loadCorpus(dir);
    expect(corpus.documents).toHaveLength(1);
    expect(corpus.documents[0]!.meta.url).toBeUndefined();
    expect(corpus.warnings).toEqual([expect.stringMatching(/^a\.txt: .*url/)]);
  });
});

describe("reference list addresses", () => {
  it.each(HOSTILE)("never take %s as a link", (url) => {
    const [reference] = parseReferences([`1. ^ "Title". Publisher. ${url}`]);
    expect(reference!.url).toBeUndefined();
  });

  it("never take an http address that does not parse", () => {
    expect(parseReferences(['1. ^ "Title". https://[broken/x'])[0]!.url).toBeUndefined();
  });

  it("take an http address even after a hostile one", () => {
    const [reference] = parseReferences(['1. ^ "Title". javascript:alert(1) https://example.org/a']);
    expect(reference!.url).toBe("https://example.org/a");
  });
});

describe("document header keys", () => {
  it("ignores keys that are only Object's own names (constructor, __proto__, toString)", () => {
    const parsed = parseHeader("---\ntitle: T\nconstructor: x\n__proto__: y\ntoString: z\n---\nنص");
    expect(parsed.meta).toEqual({ title: "T" });
    expect(Object.keys(parsed.meta)).toEqual(["title"]);
  });
});
