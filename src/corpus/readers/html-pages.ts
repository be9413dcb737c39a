/**
 * Where the text of a web page is, per kind of page: one table, so that a new kind of site is one
 * entry. The first kind whose `recognize` selector matches an element of the page reads it. Skip
 * selectors stay simple (no descendant combinators where avoidable): they are tested on every
 * element of the page, and a simple selector costs the same at any depth.
 */

export interface PageKind {
  name: "mediawiki" | "article" | "book" | "generic";
  /** An element only a page of this kind has. */
  recognize: string;
  /** The element holding the text, by preference: the first selector that matches wins; of its matches, the one with most text. */
  container: string[];
  /** Elements dropped with all they hold, beside the ALWAYS_SKIP ones. */
  skip: string[];
  /** Take the page's first <h1> (the headline) when the container holds none. */
  headline?: boolean;
  /** Drop lists whose every item is a link and nothing else: menus and "read also" lists no class names. */
  dropLinkLists?: boolean;
}

/** Never text on any page: code, styles, forms, hidden elements. */
export const ALWAYS_SKIP = [
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "math",
  "iframe",
  "object",
  "embed",
  "canvas",
  "button",
  "select",
  "input",
  "textarea",
  "[hidden]",
  "[aria-hidden=true]",
  '[style*="display:none"]',
  '[style*="display: none"]',
  ".sr-only",
  ".screen-reader-text",
  ".visually-hidden",
];

/** Site chrome of articles and plain pages: navigation, menus, share bars, related links, comments. */
const CHROME = [
  "nav",
  "aside",
  "form",
  "[role=navigation]",
  "[role=complementary]",
  "[role=search]",
  "[role=banner]",
  "[role=contentinfo]",
  "[role=menu]",
  "[role=menubar]",
  ".menu",
  ".navbar",
  ".breadcrumb",
  ".breadcrumbs",
  ".sidebar",
  ".toc",
  "#toc",
  ".share",
  ".sharing",
  ".share-bar",
  ".social",
  ".social-share",
  ".related",
  ".related-articles",
  ".tags",
  ".comments",
  ".newsletter",
  ".advert",
  ".ads",
  ".cookie",
  ".skip-link",
];

export const PAGE_KINDS: PageKind[] = [
  {
    name: "mediawiki",
    recognize: "meta[name=generator][content^=MediaWiki], #mw-content-text, body.mediawiki, .mw-parser-output",
    container: ["#mw-content-text .mw-parser-output", "#mw-content-text", ".mw-parser-output", "#bodyContent"],
    // The reference list is read as references (see NOTES), not as text; [n] markers stay in the text.
    skip: [
      ".mw-editsection",
      "#toc",
      ".toc",
      ".navbox",
      ".vertical-navbox",
      ".navbox-styles",
      ".reflist",
      ".mw-references-wrap",
      "ol.references",
      ".hatnote",
      ".dablink",
      ".metadata",
      ".ambox",
      ".ombox",
      ".tmbox",
      ".infobox",
      ".sidebar",
      ".sistersitebox",
      ".portalbox",
      ".noprint",
      ".mw-empty-elt",
      ".catlinks",
      ".printfooter",
      "#siteSub",
      "#contentSub",
      ".mw-jump-link",
      ".mw-indicators",
      ".shortdescription",
      ".authority-control",
      ".navigation-not-searchable",
    ],
  },
  {
    name: "article",
    recognize: "article, main, [role=main], [itemprop=articleBody], meta[property='og:type'][content=article]",
    container: ["[itemprop=articleBody]", "article", "main", "[role=main]", "body"],
    // The byline, date and section label are header fields or nothing, not text.
    skip: [...CHROME, "footer", ".entry-meta", ".byline", ".post-meta", ".article-meta", ".cat-links", ".reading-time", ".author-bio"],
    headline: true,
    dropLinkLists: true,
  },
  {
    name: "generic",
    recognize: "*",
    container: ["body"],
    skip: [...CHROME, "header", "footer"],
    dropLinkLists: true,
  },
];

/** Word documents (mammoth's HTML) and e-book chapters: the whole body, less an EPUB's navigation. */
export const BOOK_PAGE: PageKind = {
  name: "book",
  recognize: "*",
  container: ["body"],
  skip: ["[epub\\:type~=titlepage]", "nav[epub\\:type~=toc]", "nav[epub\\:type~=landmarks]", "nav[epub\\:type~=page-list]", "nav[role=doc-toc]"],
};

/**
 * Footnotes and references in every kind of page: markers in the text (MediaWiki's `[n]`, pandoc's
 * and EPUB's note references, mammoth's footnote links), the notes they point to, and the links
 * back from a note to its marker (dropped from the note's text).
 */
export const NOTES = {
  marker: [
    "sup.reference",
    'a[href*="#cite_note"]',
    'a[href*="#footnote-"]',
    'a[href*="#endnote-"]',
    "a.footnote-ref",
    "a[role=doc-noteref]",
    "a[epub\\:type~=noteref]",
  ].join(", "),
  item: [
    "ol.references > li",
    "li[id^=footnote-]",
    "li[id^=endnote-]",
    "[role=doc-endnote]",
    "[role=doc-footnote]",
    "[epub\\:type~=footnote]",
    "[epub\\:type~=endnote]",
    "[epub\\:type~=rearnote]",
    ".footnotes > ol > li",
  ].join(", "),
  backlink: [
    ".mw-cite-backlink",
    'a[href*="#cite_ref"]',
    'a[href*="#footnote-ref-"]',
    'a[href*="#endnote-ref-"]',
    ".footnote-back",
    "[role=doc-backlink]",
  ].join(", "),
};
