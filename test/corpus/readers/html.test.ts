import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readHtml } from "../../../src/corpus/readers/html.js";
import { decodeHtml } from "../../../src/corpus/readers/html-parse.js";
import { DocumentReadError, type ReadBlock } from "../../../src/corpus/readers/reader.js";
import { ROOT } from "../../helpers/paths.js";

const LIMITS = { maxBytes: 50 * 1024 * 1024, maxInflatedBytes: 200 * 1024 * 1024, maxPages: 1000 };
const read = (html: string) => readHtml(new TextEncoder().encode(html), LIMITS);
const texts = (blocks: ReadBlock[]) => blocks.map((b) => b.text);

describe("blocks of a web page", () => {
  it("puts a space between every two blocks, cells and lines, and none inside inline elements", async () => {
    const { blocks } = await read(
      "<body><div>حساب</div><div>دخول</div><p>أول<br>ثان</p><table><tr><td>خلية</td><td>أخرى</td></tr></table>" +
        '<p><b>ال</b>كتاب <span style="display:block">كتلة</span>بعدها</p><ul><li>بند<ul><li>فرعي</li></ul></li></ul></body>',
    );
    expect(texts(blocks)).toEqual(["حساب", "دخول", "أول ثان", "خلية أخرى", "الكتاب كتلة بعدها", "بند", "فرعي"]);
  });

  it("collapses white space, tabs, line breaks and no-break spaces to single spaces", async () => {
    const { blocks } = await read("<p>  كلمة\n\t\u00a0 أخرى   &nbsp; ثالثة </p>");
    expect(texts(blocks)).toEqual(["كلمة أخرى ثالثة"]);
  });

  it("ends a paragraph at two line breaks in a row, not at one, and breaks no word at <wbr>", async () => {
    const { blocks } = await read("<body>سطر أول<br>وتتمته<br>\n <br>فقرة ثانية<br><br><br>ثالثة، كل<wbr>مة</body>");
    expect(texts(blocks)).toEqual(["سطر أول وتتمته", "فقرة ثانية", "ثالثة، كلمة"]);
  });

  it("reads a div's own text around the blocks it holds, in order", async () => {
    const { blocks } = await read("<div>قبل<p>فقرة</p>بعد</div>");
    expect(texts(blocks)).toEqual(["قبل", "فقرة", "بعد"]);
  });

  it("reads headings h1–h6 (and role=heading) with their levels", async () => {
    const { blocks } = await read(
      '<h1>أ</h1><p>نص</p><h2>ب <small>فرعي</small></h2><h3>ج</h3><h4>د</h4><h5>هـ</h5><h6>و</h6><div role="heading" aria-level="3">ز</div>',
    );
    expect(blocks.filter((b) => b.kind === "heading").map((b) => [b.level, b.text])).toEqual([
      [1, "أ"],
      [2, "ب فرعي"],
      [3, "ج"],
      [4, "د"],
      [5, "هـ"],
      [6, "و"],
      [3, "ز"],
    ]);
  });

  it("reads a row of short cells as one paragraph, and the paragraphs of a layout table's cell apart", async () => {
    const { blocks } = await read("<table><tr><td><p>2006</p></td><td><p>زيارة</p></td></tr><tr><td><p>فقرة أولى</p><p>فقرة ثانية</p></td></tr></table>");
    expect(texts(blocks)).toEqual(["2006 زيارة", "فقرة أولى", "فقرة ثانية"]);
  });

  it("drops scripts, styles, templates, forms and hidden elements", async () => {
    const { blocks } = await read(
      "<body><script>var a = '<p>x</p>';</script><style>p{}</style><noscript>فعّل جافاسكربت</noscript><template><p>قالب</p></template>" +
        '<p>نص<span hidden>مخفي</span><span style="display: none">مخفي</span></p><button>زر</button><svg><title>رسم</title></svg></body>',
    );
    expect(texts(blocks)).toEqual(["نص"]);
  });

  it("refuses a page with no text, and one past the byte limit", async () => {
    await expect(read("<html><body><nav>قائمة</nav><script>x</script></body></html>")).rejects.toMatchObject({ kind: "empty" });
    await expect(readHtml(new Uint8Array(2000), { ...LIMITS, maxBytes: 1000 })).rejects.toBeInstanceOf(DocumentReadError);
  });
});

describe("page kinds", () => {
  it("reads a MediaWiki page's content without its chrome, keeping [n] markers linked to its references", async () => {
    const bytes = await readFile(join(ROOT, "test/fixtures/readers/html/mediawiki.html"));
    const page = await readHtml(new Uint8Array(bytes), LIMITS);
    const text = texts(page.blocks).join(" | ");
    for (const chrome of [
      "عدل",
      "المحتويات",
      "انتقل إلى المحتوى",
      "ويكيبيديا",
      "يتيمة",
      "لمعانٍ أخرى",
      "روسيا وإسرائيل",
      "تصنيفات",
      "آخر تعديل",
      "بحاجة لمصدر",
      "دخول | حساب",
      "روسيا | فلسطين",
    ]) {
      expect(text).not.toContain(chrome);
    }
    expect(text).toContain("بين روسيا وفلسطين.[1] وتعود إلى العهد السوفيتي.[2]");
    expect(text).toContain("عام 1988.[2]");
    expect(text).toContain("كانالموقف واضحا.");
    expect(page.blocks.filter((b) => b.kind === "heading").map((b) => [b.level, b.text])).toEqual([
      [2, "التاريخ"],
      [3, "العهد السوفيتي"],
      [2, "المراجع"],
    ]);
    expect(page.references).toEqual([
      { n: 1, title: "روسيا وفلسطين", details: "وكالة تاس. 12 مايو 2020. الأصل", url: "https://tass.ru/politika/123" },
      // A javascript: link is no address.
      { n: 2, title: "Soviet Union and Palestine", details: "Moscow Times. x" },
    ]);
    expect(page.meta).toEqual({
      title: "العلاقات الروسية الفلسطينية",
      url: "https://ar.wikipedia.org/wiki/%D8%A7%D9%84%D8%B9%D9%84%D8%A7%D9%82%D8%A7%D8%AA",
      language: "ar",
    });
  });

  it("reads a news article's body with its headline, without menus, byline, share bar, related links or footer", async () => {
    const page = await read(
      `<html lang="ar"><head><title>عنوان الخبر | أخبار اليوم</title><meta property="og:site_name" content="أخبار اليوم">
      <meta name="author" content="كاتب"><link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="https://news.example/a"></head>
      <body><header role="banner"><h1>أخبار اليوم</h1><nav><a>الرئيسية</a><a>سياسة</a></nav></header><h1>عنوان الخبر</h1>
      <article><div class="byline">كتب: كاتب</div><p>نص الخبر الأول.</p><h2>عنوان فرعي</h2><p>نص ثان.</p>
      <div class="share-bar"><a>فيسبوك</a></div><aside class="related"><a>خبر آخر</a></aside></article>
      <aside>الأكثر قراءة</aside><footer>حقوق النشر</footer></body></html>`,
    );
    expect(texts(page.blocks)).toEqual(["عنوان الخبر", "نص الخبر الأول.", "عنوان فرعي", "نص ثان."]);
    expect(page.meta).toEqual({ title: "عنوان الخبر", url: "https://news.example/a", language: "ar", author: "كاتب" });
  });

  it("reads any other page without its header, navigation and footer, saying so", async () => {
    const page = await read(
      '<body><header><a>شعار</a></header><div class="menu"><a>قائمة</a></div><div role="navigation">تنقل</div>' +
        "<div><p>النص كله.</p></div><footer>تذييل</footer></body>",
    );
    expect(texts(page.blocks)).toEqual(["النص كله."]);
    expect(page.warnings).toHaveLength(1);
  });

  it("drops lists of nothing but links (menus without class names), and keeps lists with text", async () => {
    const page = await read(
      '<body><ul><li><a href="/">الرئيسية</a></li><li><a href="/a">أخبار</a></li></ul><p>النص.</p>' +
        '<ul><li><a href="/x">رابط</a> وشرحه</li><li>بند</li></ul><ol><li><a href="/b">وحيد</a></li></ol></body>',
    );
    expect(texts(page.blocks)).toEqual(["النص.", "رابط وشرحه", "بند", "وحيد"]);
  });

  it("takes the title from og:title or the first h1 when the page has no <title>", async () => {
    expect((await read('<meta property="og:title" content="من og"><h1>من h1</h1><p>نص</p>')).meta.title).toBe("من og");
    expect((await read("<h1>من h1</h1><p>نص</p>")).meta.title).toBe("من h1");
  });
});

describe("footnotes in pages", () => {
  it("numbers a note by its marker, or by the next free number when another note took it, and lists uncited notes", async () => {
    const page = await read(
      '<p>أ<a href="#fn1" class="footnote-ref">1</a> ب<a href="#fnx" class="footnote-ref">1</a></p>' +
        '<section class="footnotes"><ol><li id="fn1">أولى<a href="#r" class="footnote-back">↩</a></li>' +
        '<li id="fnx">ثانية</li><li id="fn9">ثالثة</li></ol></section>',
    );
    expect(texts(page.blocks)).toEqual(["أ[1] ب[2]"]);
    expect(page.references.map((r) => [r.n, r.title])).toEqual([
      [1, "أولى"],
      [2, "ثانية"],
      [3, "ثالثة"],
    ]);
  });
});

describe("decoding a page's bytes", () => {
  it("follows the byte-order mark, then the declared charset, else UTF-8", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("<p>سلام</p>", "utf16le")]);
    expect(decodeHtml(utf16)).toBe("<p>سلام</p>");
    // «سلام» in windows-1256.
    const cp1256 = Buffer.concat([Buffer.from('<meta charset="windows-1256"><p>'), Buffer.from([0xd3, 0xe1, 0xc7, 0xe3]), Buffer.from("</p>")]);
    expect(decodeHtml(cp1256)).toContain("سلام");
    expect(decodeHtml(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=utf-16"><p>سلام</p>'))).toContain("سلام");
    expect(decodeHtml(Buffer.from('<meta charset="no-such-charset"><p>سلام</p>'))).toContain("سلام");
  });
});

describe("hostile pages", () => {
  const SHAPES: Record<string, (n: number) => string> = {
    "nested divs": (n) => `${"<div>".repeat(n)}عمق${"</div>".repeat(n)}`,
    "unclosed spans": (n) => `${"<span>".repeat(n)}عمق`,
    "nested lists": (n) => `${"<ul><li>".repeat(n / 2)}عمق`,
    "stray close tags": (n) => `${"<div>".repeat(n / 2)}عمق${"</b>".repeat(n / 2)}`,
    "nested headings and cells": (n) => `${"<h2><table><tr><td>".repeat(n / 4)}عمق`,
  };

  it.each(Object.keys(SHAPES))("reads 100,000 elements of %s quickly, without overflowing the stack", async (shape) => {
    const html = SHAPES[shape]!(100_000);
    const started = performance.now();
    const page = await read(`<html><body>${html}</body></html>`);
    const elapsed = performance.now() - started;
    expect(texts(page.blocks).join(" ")).toContain("عمق");
    // About 0.2 s here; htmlparser2's own Parser took 2–10 s on some of these shapes.
    expect(elapsed).toBeLessThan(3000);
  });
});
