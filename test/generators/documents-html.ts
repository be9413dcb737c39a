/**
 * The HTML the document fixtures are made from: a plain right-to-left page for printing (Chromium,
 * LibreOffice), and two web pages with a real site's chrome around the text: a saved Arabic
 * MediaWiki article and a news site's article.
 */
import type { Reference } from "../../src/corpus/document.js";
import { type Block, escapeHtml, type SourceDocument } from "./documents-structure.js";

export interface PrintOptions {
  /** The CSS font family of the text. */
  font: string;
  /**
   * A running header (this text, repeated at the top of every page as a table's repeated thead)
   * and, when `pages` is known, a page number at the foot of each of that many pages.
   */
  running?: { header: string; pages?: number };
}

/** A4 with 20 mm / 22 mm margins: the page content height the page numbers are placed by. */
const PAGE = { height: 297, marginBlock: 20, marginInline: 22 };

/** The seed as a plain printable page: h1 title, h2/h3 headings, p paragraphs, justified 12pt text. */
export function printHtml(source: SourceDocument, options: PrintOptions): string {
  const body = [`<h1>${escapeHtml(source.meta.title)}</h1>`, ...source.blocks.map(blockHtml)].join("\n");
  const content = PAGE.height - 2 * PAGE.marginBlock;
  const running = options.running;
  const numbers = Array.from(
    { length: running?.pages ?? 0 },
    (_, k) => `<div class="page-number" style="top: ${k * content + content - 9}mm">${k + 1}</div>`,
  ).join("\n");
  const main = running
    ? `<table class="layout"><thead><tr><td class="running-header">${escapeHtml(running.header)}</td></tr></thead>` +
      `<tfoot><tr><td class="running-footer"></td></tr></tfoot><tbody><tr><td>\n${body}\n</td></tr></tbody></table>\n${numbers}`
    : body;
  return `<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>${escapeHtml(source.meta.title)}</title>
<style>
@page { size: A4; margin: ${PAGE.marginBlock}mm ${PAGE.marginInline}mm; }
html, body { margin: 0; padding: 0; }
body { position: relative; font-family: "${options.font}", serif; font-size: 12pt; line-height: 1.6; text-align: justify; color: #000; }
h1, h2, h3, h4 { font-family: "${options.font}", serif; }
h1 { font-size: 20pt; margin: 0 0 12pt; text-align: start; }
h2 { font-size: 16pt; margin: 16pt 0 6pt; text-align: start; }
h3 { font-size: 13.5pt; margin: 12pt 0 4pt; text-align: start; }
h4 { font-size: 12pt; margin: 10pt 0 4pt; text-align: start; }
p { margin: 0 0 8pt; text-indent: 0; }
table.layout { width: 100%; border-collapse: collapse; }
table.layout > tbody > tr > td { padding: 0; }
td.running-header { height: 12mm; vertical-align: top; font-size: 9pt; color: #444; border-bottom: 0.5pt solid #888; text-align: center; }
td.running-footer { height: 12mm; }
.page-number { position: absolute; left: 0; right: 0; height: 6mm; font-size: 9pt; text-align: center; color: #444; }
</style>
</head>
<body>
${main}
</body>
</html>
`;
}

function blockHtml(block: Block): string {
  return block.kind === "heading" ? `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>` : `<p>${escapeHtml(block.text)}</p>`;
}

/** The paragraph's `[n]` markers as MediaWiki's citation superscripts, linking the reference list. */
function citedHtml(text: string, used: Map<number, number>): string {
  return text
    .split(/(\[\d+\])/)
    .map((part) => {
      const n = Number(/^\[(\d+)\]$/.exec(part)?.[1]);
      if (!n) return escapeHtml(part);
      const k = used.get(n) ?? 0;
      used.set(n, k + 1);
      return (
        `<sup id="cite_ref-${n}${k > 0 ? `-${k}` : ""}" class="reference"><a href="#cite_note-${n}">` +
        `<span class="cite-bracket">[</span>${n}<span class="cite-bracket">]</span></a></sup>`
      );
    })
    .join("");
}

/**
 * The home page of a reference's publisher, where the entry names one: the seed's reference list
 * keeps no addresses, and a saved page's entries carry external links (the articles' own addresses
 * are not known, so the publisher's site stands in).
 */
const PUBLISHER_SITES: [RegExp, string][] = [
  [/Carnegie/, "https://carnegieendowment.org/"],
  [/Meduza/, "https://meduza.io/"],
  [/WSJ/, "https://www.wsj.com/"],
  [/Al Jazeera/, "https://www.aljazeera.com/"],
  [/tass\.com/, "https://tass.com/"],
  [/CEPA/, "https://cepa.org/"],
  [/New York Times/, "https://www.nytimes.com/"],
  [/Moscow Times/, "https://www.themoscowtimes.com/"],
  [/CNN/, "https://edition.cnn.com/"],
  [/Telegraph/, "https://www.telegraph.co.uk/"],
  [/Times of Israel/, "https://www.timesofisrael.com/"],
  [/Palestine Chronicle/, "https://www.palestinechronicle.com/"],
  [/\bX \(formerly Twitter\)/, "https://x.com/UN_News_Centre"],
];

/** The address a fixture page links reference `r` to, if any. */
export function referenceUrl(r: Reference): string | undefined {
  return r.url ?? PUBLISHER_SITES.find(([pattern]) => pattern.test(`${r.title} ${r.details ?? ""}`))?.[1];
}

function referenceItem(r: Reference, used: Map<number, number>): string {
  const count = Math.max(1, used.get(r.n) ?? 0);
  const backlinks =
    count === 1
      ? `<a href="#cite_ref-${r.n}" aria-label="اذهب إلى الاقتباس">^</a>`
      : `^ ${Array.from({ length: count }, (_, k) => `<sup><a href="#cite_ref-${r.n}${k > 0 ? `-${k}` : ""}">${"اب"[k] ?? k}</a></sup>`).join(" ")}`;
  const url = referenceUrl(r);
  const title = url ? `<a rel="nofollow" class="external text" href="${escapeHtml(url)}">"${escapeHtml(r.title)}"</a>` : `"${escapeHtml(r.title)}"`;
  return (
    `<li id="cite_note-${r.n}"><span class="mw-cite-backlink">${backlinks}</span> <span class="reference-text">` +
    `<cite class="citation web cs1">${title}. ${escapeHtml(r.details ?? "")}</cite></span></li>`
  );
}

function editSection(title: string, section: number): string {
  return (
    `<span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="/w/index.php?title=${encodeURIComponent(title)}` +
    `&amp;action=edit&amp;section=${section}" title="عدل القسم">عدل</a><span class="mw-editsection-bracket">]</span></span>`
  );
}

/** The seed as a saved Arabic Wikipedia article (Vector skin markup, with its chrome). */
export function mediawikiPage(source: SourceDocument): string {
  const { meta } = source;
  const title = escapeHtml(meta.title);
  const slug = meta.title.replace(/ /g, "_");
  const canonical = meta.url ?? `https://ar.wikipedia.org/wiki/${slug}`;
  const used = new Map<number, number>();
  const toc: string[] = [];
  const content: string[] = [];
  let section = 0;
  let tocLevel = 1;
  const counters = [0, 0, 0];
  for (const block of source.blocks) {
    if (block.kind === "heading") {
      section++;
      const id = escapeHtml(block.text.replace(/ /g, "_"));
      const depth = block.level - 1;
      counters[depth - 1]!++;
      for (let d = depth; d < counters.length; d++) counters[d] = 0;
      const number = counters.slice(0, depth).join(".");
      if (depth > tocLevel) toc.push("<ul>");
      else if (depth < tocLevel) toc.push("</li></ul></li>");
      else if (section > 1) toc.push("</li>");
      tocLevel = depth;
      toc.push(
        `<li class="toclevel-${depth} tocsection-${section}"><a href="#${id}"><span class="tocnumber">${number}</span> ` +
          `<span class="toctext">${escapeHtml(block.text)}</span></a>`,
      );
      content.push(
        `<div class="mw-heading mw-heading${block.level}"><h${block.level} id="${id}">${escapeHtml(block.text)}</h${block.level}>` +
          `${editSection(meta.title, section)}</div>`,
      );
    } else if (/^(لقاء بين|زعيم حماس)/.test(block.text) && !/\[\d+\]/.test(block.text)) {
      // The seed's two image captions, as the thumbnails they are on the page.
      content.push(
        `<figure class="mw-default-size" typeof="mw:File/Thumb"><a href="/wiki/ملف:Russia-Hamas_${section}.jpg" class="mw-file-description">` +
          `<img src="//upload.wikimedia.org/wikipedia/commons/thumb/placeholder/${section}.jpg" decoding="async" width="250" height="167" ` +
          `class="mw-file-element"></a><figcaption>${escapeHtml(block.text)}</figcaption></figure>`,
      );
    } else {
      content.push(`<p>${citedHtml(block.text, used)}</p>`);
    }
  }
  toc.push(tocLevel > 1 ? "</li></ul></li>" : "</li>");
  // The table of contents goes before the first heading, as MediaWiki places it.
  const firstHeading = content.findIndex((c) => c.startsWith('<div class="mw-heading'));
  content.splice(
    firstHeading,
    0,
    `<div id="toc" class="toc" role="navigation" aria-labelledby="mw-toc-heading"><input type="checkbox" role="button" id="toctogglecheckbox" ` +
      `class="toctogglecheckbox" style="display:none"><div class="toctitle" lang="ar" dir="rtl"><h2 id="mw-toc-heading">المحتويات</h2>` +
      `<span class="toctogglespan"><label class="toctogglelabel" for="toctogglecheckbox"></label></span></div>\n<ul>\n${toc.join("\n")}\n</ul></div>`,
  );
  section++;
  content.push(
    `<div class="mw-heading mw-heading2"><h2 id="المراجع">المراجع</h2>${editSection(meta.title, section)}</div>`,
    `<div class="reflist"><div class="mw-references-wrap mw-references-columns"><ol class="references">`,
    ...source.references.map((r) => referenceItem(r, used)),
    `</ol></div></div>`,
    `<div role="navigation" class="navbox" aria-labelledby="Navbox-Russia"><table class="nowraplinks mw-collapsible navbox-inner">` +
      `<tbody><tr><th scope="col" class="navbox-title" colspan="2"><div id="Navbox-Russia">العلاقات الخارجية لروسيا</div></th></tr>` +
      `<tr><th scope="row" class="navbox-group">الشرق الأوسط</th><td class="navbox-list navbox-odd"><div><ul>` +
      `<li><a href="/wiki/العلاقات_الروسية_الإسرائيلية">إسرائيل</a></li><li><a href="/wiki/العلاقات_الإيرانية_الروسية">إيران</a></li>` +
      `<li><a href="/wiki/العلاقات_الروسية_السورية">سوريا</a></li><li><a href="/wiki/العلاقات_الروسية_التركية">تركيا</a></li>` +
      `<li><a href="/wiki/العلاقات_الروسية_الفلسطينية">فلسطين</a></li></ul></div></td></tr>` +
      `<tr><th scope="row" class="navbox-group">منظمات</th><td class="navbox-list navbox-even"><div><ul>` +
      `<li><a href="/wiki/حماس">حماس</a></li><li><a href="/wiki/حزب_الله">حزب الله</a></li><li><a href="/wiki/طالبان">طالبان</a></li>` +
      `</ul></div></td></tr></tbody></table></div>`,
  );
  return `<!DOCTYPE html>
<html class="client-nojs vector-feature-language-in-header-enabled skin-theme-clientpref-day" lang="ar" dir="rtl">
<head>
<meta charset="UTF-8">
<title>${title} - ويكيبيديا</title>
<meta name="generator" content="MediaWiki 1.43.0-wmf.2">
<meta name="referrer" content="origin-when-cross-origin">
<meta name="viewport" content="width=1120">
<meta property="og:title" content="${title} - ويكيبيديا">
<meta property="og:type" content="website">
<link rel="stylesheet" href="/w/load.php?lang=ar&amp;modules=site.styles&amp;only=styles&amp;skin=vector-2022">
<link rel="icon" href="/static/favicon/wikipedia.ico">
<link rel="search" type="application/opensearchdescription+xml" href="/w/rest.php/v1/search" title="ويكيبيديا (ar)">
<link rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/deed.ar">
<link rel="canonical" href="${escapeHtml(canonical)}">
</head>
<body class="skin-vector skin-vector-search-vue mediawiki rtl sitedir-rtl mw-hide-empty-elt ns-0 ns-subject page-${escapeHtml(slug)}
rootpage-${escapeHtml(slug)} skin-vector-2022 action-view">
<a class="mw-jump-link" href="#bodyContent">انتقل إلى المحتوى</a>
<div class="vector-header-container">
<header class="vector-header mw-header">
<div class="vector-header-start">
<nav class="vector-main-menu-landmark" aria-label="الموقع"><div id="vector-main-menu-dropdown" class="vector-dropdown" title="القائمة الرئيسية">
<label for="vector-main-menu-dropdown-checkbox" class="vector-dropdown-label"><span class="vector-dropdown-label-text">القائمة الرئيسية</span></label>
</div></nav>
<a href="/wiki/الصفحة_الرئيسية" class="mw-logo"><span class="mw-logo-container"><strong class="mw-logo-wordmark">ويكيبيديا</strong>
<span class="mw-logo-tagline">الموسوعة الحرة</span></span></a>
</div>
<div class="vector-header-end">
<div id="p-search" role="search" class="vector-search-box-vue vector-search-box"><form action="/w/index.php" id="searchform" class="cdx-search-input">
<input type="search" name="search" placeholder="ابحث في ويكيبيديا" aria-label="ابحث في ويكيبيديا" autocapitalize="sentences" title="ابحث في ويكيبيديا
[f]" accesskey="f" id="searchInput">
<input type="hidden" name="title" value="خاص:بحث"><button class="cdx-button">بحث</button></form></div>
<nav class="vector-user-links" aria-label="أدوات شخصية"><div id="p-vector-user-menu-overflow" class="vector-menu"><ul class="vector-menu-content-list">
<li id="pt-sitesupport-2" class="user-links-collapsible-item mw-list-item">
<a href="https://donate.wikimedia.org/?wmf_source=donate&amp;wmf_medium=sidebar&amp;uselang=ar"><span>تبرع</span></a></li>
<li id="pt-createaccount-2" class="user-links-collapsible-item mw-list-item">
<a href="/w/index.php?title=خاص:إنشاء_حساب&amp;returnto=${encodeURIComponent(slug)}" title="أنت مشجع على إنشاء حساب والولوج؛ لكنه ليس إلزاميا">
<span>إنشاء حساب</span></a></li>
<li id="pt-login-2" class="user-links-collapsible-item mw-list-item">
<a href="/w/index.php?title=خاص:دخول&amp;returnto=${encodeURIComponent(slug)}" title="أنت مشجع على الدخول؛ لكنه ليس إلزاميا [o]" accesskey="o">
<span>دخول</span></a></li>
</ul></div></nav>
</div>
</header>
</div>
<div class="mw-page-container">
<div class="mw-page-container-inner">
<div class="vector-sitenotice-container"><div id="siteNotice"></div></div>
<div class="vector-column-start">
<div class="vector-main-menu-container"><div id="mw-navigation"><nav id="mw-panel" class="vector-main-menu-landmark" aria-label="الموقع">
<div id="vector-main-menu" class="vector-main-menu vector-pinnable-element">
<div class="vector-pinnable-header"><div class="vector-pinnable-header-label">القائمة الرئيسية</div></div>
<div id="p-navigation" class="vector-menu mw-portlet mw-portlet-navigation"><div class="vector-menu-heading">تصفح</div>
<div class="vector-menu-content"><ul class="vector-menu-content-list">
<li id="n-mainpage-description" class="mw-list-item"><a href="/wiki/الصفحة_الرئيسية" title="زر الصفحة الرئيسية [z]" accesskey="z">
<span>الصفحة الرئيسية</span></a></li>
<li id="n-portal" class="mw-list-item"><a href="/wiki/بوابة:بوابات"><span>البوابات</span></a></li>
<li id="n-currentevents" class="mw-list-item"><a href="/wiki/بوابة:أحداث_جارية"><span>الأحداث الجارية</span></a></li>
<li id="n-recentchanges" class="mw-list-item"><a href="/wiki/خاص:أحدث_التغييرات" accesskey="r"><span>أحدث التغييرات</span></a></li>
<li id="n-randompage" class="mw-list-item"><a href="/wiki/خاص:عشوائي" accesskey="x"><span>مقالة عشوائية</span></a></li>
<li id="n-aboutsite" class="mw-list-item"><a href="/wiki/ويكيبيديا:حول"><span>عن ويكيبيديا</span></a></li>
<li id="n-contactpage" class="mw-list-item"><a href="/wiki/ويكيبيديا:اتصل_بنا"><span>اتصل بنا</span></a></li>
</ul></div></div>
<div id="p-interaction" class="vector-menu mw-portlet mw-portlet-interaction"><div class="vector-menu-heading">مساهمة</div>
<div class="vector-menu-content"><ul class="vector-menu-content-list">
<li id="n-help" class="mw-list-item"><a href="/wiki/مساعدة:محتويات"><span>مساعدة</span></a></li>
<li id="n-villagepump" class="mw-list-item"><a href="/wiki/ويكيبيديا:الميدان"><span>الميدان</span></a></li>
<li id="n-upload" class="mw-list-item"><a href="/wiki/خاص:رفع"><span>رفع ملف</span></a></li>
</ul></div></div>
</div></nav></div></div>
</div>
<div class="mw-content-container">
<main id="content" class="mw-body">
<header class="mw-body-header vector-page-titlebar">
<h1 id="firstHeading" class="firstHeading mw-first-heading"><span class="mw-page-title-main">${title}</span></h1>
<div id="p-lang-btn" class="vector-dropdown mw-portlet mw-portlet-lang"><span class="vector-dropdown-label-text">3 لغات</span>
<div class="vector-menu-content"><ul class="vector-menu-content-list">
<li class="interlanguage-link interwiki-en mw-list-item">
<a href="https://en.wikipedia.org/wiki/Hamas%E2%80%93Russia_relations" hreflang="en" lang="en" class="interlanguage-link-target"><span>English</span>
</a></li>
<li class="interlanguage-link interwiki-fa mw-list-item">
<a href="https://fa.wikipedia.org/wiki/" hreflang="fa" lang="fa" class="interlanguage-link-target"><span>فارسی</span></a></li>
<li class="interlanguage-link interwiki-ru mw-list-item">
<a href="https://ru.wikipedia.org/wiki/" hreflang="ru" lang="ru" class="interlanguage-link-target"><span>Русский</span></a></li>
</ul></div></div>
</header>
<div class="vector-page-toolbar"><div class="vector-page-toolbar-container"><div id="left-navigation"><nav aria-label="النطاقات">
<div id="p-associated-pages" class="vector-menu vector-menu-tabs mw-portlet"><div class="vector-menu-content"><ul class="vector-menu-content-list">
<li id="ca-nstab-main" class="selected vector-tab-noicon mw-list-item"><a href="/wiki/${escapeHtml(slug)}" accesskey="c"><span>مقالة</span></a></li>
<li id="ca-talk" class="new vector-tab-noicon mw-list-item">
<a href="/w/index.php?title=نقاش:${escapeHtml(slug)}&amp;action=edit&amp;redlink=1" rel="discussion" accesskey="t"><span>نقاش</span></a></li>
</ul></div></div></nav></div>
<div id="right-navigation" class="vector-collapsible"><nav aria-label="الأفعال"><div id="p-views" class="vector-menu vector-menu-tabs mw-portlet">
<div class="vector-menu-content"><ul class="vector-menu-content-list">
<li id="ca-view" class="selected vector-tab-noicon mw-list-item"><a href="/wiki/${escapeHtml(slug)}"><span>اقرأ</span></a></li>
<li id="ca-edit" class="vector-tab-noicon mw-list-item"><a href="/w/index.php?title=${escapeHtml(slug)}&amp;action=edit" accesskey="e"><span>عدل</span></a></li>
<li id="ca-history" class="vector-tab-noicon mw-list-item"><a href="/w/index.php?title=${escapeHtml(slug)}&amp;action=history" accesskey="h">
<span>تاريخ</span></a></li>
</ul></div></div></nav>
<nav class="vector-page-tools-landmark" aria-label="أدوات الصفحة"><div id="vector-page-tools-dropdown" class="vector-dropdown vector-page-tools-dropdown">
<span class="vector-dropdown-label-text">أدوات</span><div class="vector-menu-content"><ul class="vector-menu-content-list">
<li id="t-whatlinkshere" class="mw-list-item"><a href="/wiki/خاص:ماذا_يصل_هنا/${escapeHtml(slug)}" accesskey="j"><span>ماذا يصل هنا</span></a></li>
<li id="t-permalink" class="mw-list-item"><a href="/w/index.php?title=${escapeHtml(slug)}&amp;oldid=65123456"><span>وصلة دائمة</span></a></li>
<li id="t-info" class="mw-list-item"><a href="/w/index.php?title=${escapeHtml(slug)}&amp;action=info"><span>معلومات الصفحة</span></a></li>
<li id="t-cite" class="mw-list-item"><a href="/w/index.php?title=خاص:استشهاد&amp;page=${escapeHtml(slug)}"><span>استشهد بهذه الصفحة</span></a></li>
<li id="coll-download-as-rl" class="mw-list-item"><a href="/w/index.php?title=خاص:DownloadAsPdf&amp;page=${escapeHtml(slug)}">
<span>تنزيل بصيغة PDF</span></a></li>
</ul></div></div></nav></div></div></div>
<div id="bodyContent" class="vector-body" aria-labelledby="firstHeading">
<div id="siteSub" class="noprint">من ويكيبيديا، الموسوعة الحرة</div>
<div id="contentSub"><div id="mw-content-subtitle"></div></div>
<div id="mw-content-text" class="mw-body-content"><div class="mw-content-rtl mw-parser-output" lang="ar" dir="rtl">
<table class="box-يتيمة plainlinks metadata ambox ambox-style" role="presentation"><tbody><tr><td class="mbox-text">
<div class="mbox-text-span">هذه المقالة يتيمة. ساعد بإضافة وصلة إليها في <a href="/wiki/خاص:ماذا_يصل_هنا/${escapeHtml(slug)}">مقالة متعلقة بها</a>
<small>(أغسطس 2024)</small></div></td></tr></tbody></table>
${content.join("\n")}
</div>
<noscript>
<img src="https://ar.wikipedia.org/wiki/Special:CentralAutoLogin/start?type=1x1" alt="" width="1" height="1" style="border: none; position:
absolute;"></noscript>
<div class="printfooter" data-nosnippet="">مأخوذة من «<a dir="ltr"
href="https://ar.wikipedia.org/w/index.php?title=${escapeHtml(slug)}&amp;oldid=65123456">
https://ar.wikipedia.org/w/index.php?title=${escapeHtml(slug)}&amp;oldid=65123456</a>»</div></div>
<div id="catlinks" class="catlinks" data-mw="interface"><div id="mw-normal-catlinks" class="mw-normal-catlinks">
<a href="/wiki/تصنيف:تصنيفات" title="تصنيف:تصنيفات">تصنيفات</a>: <ul>
<li><a href="/wiki/تصنيف:العلاقات_الثنائية_لروسيا">العلاقات الثنائية لروسيا</a></li><li><a href="/wiki/تصنيف:حركة_حماس">حركة حماس</a></li>
<li><a href="/wiki/تصنيف:السياسة_الخارجية_الروسية">السياسة الخارجية الروسية</a></li></ul></div>
<div id="mw-hidden-catlinks" class="mw-hidden-catlinks mw-hidden-cats-hidden">تصنيفات مخفية: <ul><li>
<a href="/wiki/تصنيف:CS1_maint">CS1 maint: url-status</a></li>
<li><a href="/wiki/تصنيف:مقالات_يتيمة">مقالات يتيمة منذ أغسطس 2024</a></li></ul></div></div>
</div>
</main>
</div>
<div class="mw-footer-container">
<footer id="footer" class="mw-footer">
<ul id="footer-info">
<li id="footer-info-lastmod"> آخر تعديل لهذه الصفحة كان يوم 11 يناير 2024، الساعة 08:14.</li>
<li id="footer-info-copyright">النصوص منشورة برخصة <a rel="nofollow" class="external text"
href="https://creativecommons.org/licenses/by-sa/4.0/deed.ar">المشاع الإبداعي</a>. قد تُطبَّق بنود إضافية. طالع <a
href="https://foundation.wikimedia.org/wiki/Special:MyLanguage/Policy:Terms_of_Use/ar">شروط الاستخدام</a> للتفاصيل.</li>
</ul>
<ul id="footer-places">
<li id="footer-places-privacy"><a href="https://foundation.wikimedia.org/wiki/Special:MyLanguage/Policy:Privacy_policy/ar">سياسة الخصوصية</a></li>
<li id="footer-places-about"><a href="/wiki/ويكيبيديا:حول">حول ويكيبيديا</a></li>
<li id="footer-places-disclaimers"><a href="/wiki/ويكيبيديا:إخلاء_مسؤولية_عام">إخلاء مسؤولية</a></li>
<li id="footer-places-wm-codeofconduct">
<a href="https://foundation.wikimedia.org/wiki/Special:MyLanguage/Policy:Universal_Code_of_Conduct">Code of Conduct</a></li>
<li id="footer-places-developers"><a href="https://developer.wikimedia.org">المطورون</a></li>
<li id="footer-places-statslink"><a href="https://stats.wikimedia.org/#/ar.wikipedia.org">إحصائيات</a></li>
<li id="footer-places-cookiestatement">
<a href="https://foundation.wikimedia.org/wiki/Special:MyLanguage/Policy:Cookie_statement">بيان ملفات تعريف الارتباط</a></li>
<li id="footer-places-mobileview">
<a href="//ar.m.wikipedia.org/w/index.php?title=${escapeHtml(slug)}&amp;mobileaction=toggle_view_mobile" class="noprint
stopMobileRedirectToggle">نسخة المحمول</a></li>
</ul>
<ul id="footer-icons" class="noprint">
<li id="footer-copyrightico"><a href="https://wikimediafoundation.org/">
<img src="/static/images/footer/wikimedia-button.svg" width="84" height="29" alt="Wikimedia Foundation" loading="lazy"></a></li>
<li id="footer-poweredbyico"><a href="https://www.mediawiki.org/">
<img src="/w/resources/assets/poweredby_mediawiki.svg" alt="Powered by MediaWiki" width="88" height="31" loading="lazy"></a></li>
</ul>
</footer>
</div>
</div>
</div>
<script>(RLQ=window.RLQ||[]).push(function(){mw.config.set({"wgHostname":"mw-web.eqiad.main","wgBackendResponseTime":142});});</script>
</body>
</html>
`;
}

/** The fictitious news site's address: the reserved .example domain (the seed names no publisher). */
export const NEWS_SITE = "https://akhbar.example";

/** The seed as an article page of a news site: site header and menu, the article, share bar, related links, footer. */
export function newsPage(source: SourceDocument): string {
  const { meta } = source;
  const title = escapeHtml(meta.title);
  const url = `${NEWS_SITE}/politics/2023/11/russia-hamas-carnegie-analysis`;
  const body = source.blocks
    .map((block) => (block.kind === "heading" ? `<h2 class="article-subtitle">${escapeHtml(block.text)}</h2>` : `<p>${escapeHtml(block.text)}</p>`))
    .join("\n");
  const author = meta.author ? escapeHtml(meta.author) : "";
  return `<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} | أخبار اليوم</title>
<meta name="description" content="ربط مقال في موقع كارنيغي التقارب بين روسيا وحركة حماس بمساعي موسكو لتعزيز مكانتها في الجنوب العالمي.">
<meta property="og:site_name" content="أخبار اليوم">
<meta property="og:type" content="article">
<meta property="og:title" content="${title}">
<meta property="og:url" content="${url}">
<meta property="og:image" content="${NEWS_SITE}/uploads/2023/11/putin-hamas-1200x630.jpg">
<meta property="article:published_time" content="2023-11-02T09:30:00+02:00">
<meta property="article:section" content="سياسة">
<meta name="twitter:card" content="summary_large_image">
<link rel="canonical" href="${url}">
<link rel="amphtml" href="${url}/amp">
<link rel="stylesheet" href="${NEWS_SITE}/wp-content/themes/akhbar/style.css?ver=4.2.1">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":${JSON.stringify(meta.title)},
"datePublished":"2023-11-02T09:30:00+02:00","author":{"@type":"Person","name":${JSON.stringify(meta.author ?? "")}}}</script>
</head>
<body class="post-template-default single single-post postid-48213 single-format-standard rtl">
<a class="skip-link screen-reader-text" href="#main">تخطي إلى المحتوى</a>
<div class="top-bar"><div class="container"><span class="date-today">الخميس، 2 نوفمبر 2023</span>
<ul class="top-links"><li><a href="/about">من نحن</a></li><li><a href="/contact">اتصل بنا</a></li><li><a href="/advertise">أعلن معنا</a></li><li>
<a href="/en">English</a></li></ul></div></div>
<header id="masthead" class="site-header" role="banner">
<div class="container"><div class="site-branding"><a href="/" rel="home" class="custom-logo-link">
<img src="/wp-content/uploads/logo.svg" class="custom-logo" alt="أخبار اليوم"></a>
<p class="site-title"><a href="/" rel="home">أخبار اليوم</a></p><p class="site-description">آخر الأخبار العربية والعالمية على مدار الساعة</p></div>
<button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">القائمة</button>
<nav id="site-navigation" class="main-navigation" aria-label="القائمة الرئيسية"><ul id="primary-menu" class="menu">
<li class="menu-item"><a href="/">الرئيسية</a></li><li class="menu-item current-menu-parent"><a href="/category/politics">سياسة</a></li>
<li class="menu-item"><a href="/category/lebanon">لبنان</a></li><li class="menu-item"><a href="/category/arab-world">عربي ودولي</a></li>
<li class="menu-item"><a href="/category/economy">اقتصاد</a></li><li class="menu-item"><a href="/category/sport">رياضة</a></li>
<li class="menu-item"><a href="/category/opinion">مقالات الرأي</a></li><li class="menu-item"><a href="/category/video">فيديو</a></li></ul></nav>
<form role="search" method="get" class="search-form" action="/"><label><span class="screen-reader-text">البحث عن:</span>
<input type="search" class="search-field" placeholder="ابحث …" value="" name="s"></label><input type="submit" class="search-submit" value="بحث"></form>
</div>
<div class="breaking-news"><span class="breaking-title">عاجل</span><ul class="ticker"><li>
<a href="/2023/11/ceasefire-talks">مفاوضات جديدة حول هدنة إنسانية في غزة</a></li>
<li><a href="/2023/11/un-session">جلسة طارئة لمجلس الأمن الدولي مساء اليوم</a></li></ul></div>
</header>
<div id="content" class="site-content"><div class="container">
<nav class="breadcrumbs" aria-label="مسار التنقل"><a href="/">الرئيسية</a> » <a href="/category/politics">سياسة</a> » <span>${title}</span></nav>
<main id="main" class="site-main">
<article id="post-48213" class="post-48213 post type-post status-publish format-standard has-post-thumbnail category-politics">
<header class="entry-header">
<span class="cat-links"><a href="/category/politics" rel="category tag">سياسة</a></span>
<h1 class="entry-title">${title}</h1>
<div class="entry-meta byline"><span class="author vcard">كتب: <a class="url fn n" href="/author/hasna-bou-harfouche">${author}</a></span>
<span class="posted-on"><time class="entry-date published" datetime="2023-11-02T09:30:00+02:00">2 نوفمبر 2023 - 9:30 ص</time></span>
<span class="reading-time">4 دقائق للقراءة</span></div>
</header>
<figure class="post-thumbnail"><img src="/wp-content/uploads/2023/11/putin-hamas-800x450.jpg" alt="" width="800" height="450"></figure>
<div class="share-bar top"><span class="share-title">شارك:</span>
<a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}">فيسبوك</a>
<a class="share-x" href="https://x.com/intent/tweet?url=${encodeURIComponent(url)}">X (Twitter)</a>
<a class="share-whatsapp" href="https://api.whatsapp.com/send?text=${encodeURIComponent(url)}">واتساب</a>
<a class="share-telegram" href="https://t.me/share/url?url=${encodeURIComponent(url)}">Telegram</a>
<button class="copy-link">نسخ الرابط</button></div>
<div class="entry-content">
${body}
</div>
<footer class="entry-footer"><div class="tags-links"><span>الوسوم:</span> <a href="/tag/russia" rel="tag">روسيا</a>
<a href="/tag/hamas" rel="tag">حماس</a> <a href="/tag/kremlin" rel="tag">الكرملين</a> <a href="/tag/gaza" rel="tag">غزة</a></div>
<div class="share-bar bottom"><span class="share-title">شارك المقال:</span>
<a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}">فيسبوك</a>
<a class="share-x" href="https://x.com/intent/tweet?url=${encodeURIComponent(url)}">X</a>
<a class="share-email" href="mailto:?subject=${encodeURIComponent(meta.title)}">البريد الإلكتروني</a></div>
</footer>
</article>
<section class="related-posts" aria-labelledby="related-title"><h3 id="related-title" class="section-title">اقرأ أيضاً</h3><ul>
<li><a href="/politics/2023/10/lavrov-gaza">لافروف: ما يحدث في غزة يهدد بتوسع الصراع في المنطقة</a></li>
<li><a href="/politics/2023/10/hamas-delegation-moscow">وفد من حماس في موسكو ومباحثات حول الرهائن</a></li>
<li><a href="/economy/2023/11/oil-prices">أسعار النفط ترتفع وسط مخاوف من اتساع الحرب</a></li>
<li><a href="/opinion/2023/11/global-south">الجنوب العالمي بين موسكو وواشنطن</a></li></ul></section>
<section id="comments" class="comments-area"><h3 class="comments-title">التعليقات</h3>
<p class="no-comments">لا توجد تعليقات بعد. كن أول من يعلق على هذا الخبر.</p></section>
</main>
<aside id="secondary" class="widget-area" aria-label="الشريط الجانبي"><section class="widget widget_popular"><h3 class="widget-title">الأكثر قراءة</h3><ol>
<li><a href="/arab-world/2023/11/gaza-hospitals">المستشفيات في غزة تعمل بأقل من نصف طاقتها</a></li>
<li><a href="/lebanon/2023/11/south-border">تصعيد جديد على الحدود الجنوبية</a></li>
<li><a href="/sport/2023/11/asian-cup">القرعة النهائية لكأس آسيا 2023</a></li></ol></section>
<section class="widget widget_newsletter"><h3 class="widget-title">النشرة البريدية</h3><p>اشترك ليصلك ملخص الأخبار كل صباح.</p>
<form><input type="email" placeholder="بريدك الإلكتروني"><button>اشترك</button></form></section></aside>
</div></div>
<footer id="colophon" class="site-footer"><div class="container">
<nav class="footer-navigation" aria-label="روابط التذييل"><ul><li><a href="/about">من نحن</a></li><li><a href="/privacy-policy">سياسة الخصوصية</a></li>
<li><a href="/terms">شروط الاستخدام</a></li><li><a href="/contact">اتصل بنا</a></li><li><a href="/rss">RSS</a></li></ul></nav>
<div class="social-links">
<a href="https://www.facebook.com/">Facebook</a> <a href="https://x.com/">X</a> <a href="https://www.youtube.com/">YouTube</a> <a
href="https://t.me/">Telegram</a></div>
<div class="site-info">جميع الحقوق محفوظة © 2023 أخبار اليوم. يمنع نسخ المحتوى أو إعادة نشره دون إذن مسبق.</div>
</div></footer>
<div id="cookie-notice" role="dialog" class="cookie-notice"><span>يستخدم هذا الموقع ملفات تعريف الارتباط (cookies) لتحسين تجربتك.</span>
<button>موافق</button></div>
<script src="${NEWS_SITE}/wp-includes/js/jquery/jquery.min.js?ver=3.7.0"></script>
</body>
</html>
`;
}
