/**
 * From the characters a PDF places on a page to lines of text in logical order. Pure functions over
 * glyph records, so every rule is testable without a PDF. PDF producers write Arabic in shaped,
 * visual order and mark word breaks inconsistently, so nothing here trusts the order or the spaces
 * of the content stream more than the geometry: words come from the gaps between glyphs, and their
 * order from x positions, right to left for Arabic runs with left-to-right runs (digits, Latin) inside.
 */
import { logicalOrder } from "./pdf-bidi.js";

/** One character as the PDF places it. Coordinates in PDF units, y growing upwards. */
export interface Glyph {
  text: string;
  /** The advance box: the glyph's width as laid out (not its ink), so gaps between glyphs are gaps between letters. */
  left: number;
  right: number;
  /** The glyph's origin: x orders glyphs (stacked Arabic glyphs overlap, their origins do not); y is the baseline. */
  x: number;
  baseline: number;
  size: number;
  /** Font weight (400 regular, 700 bold), or -1 when the font does not say. */
  weight: number;
}

/** One line of a page, its words in logical order. */
export interface Line {
  text: string;
  page: number;
  baseline: number;
  left: number;
  right: number;
  size: number;
  weight: number;
  rtl: boolean;
  /** Width of the line's first word in reading order: would it have fitted at the end of the line before? */
  firstWordWidth: number;
}

/** A gap wider than this share of the font size separates two words even without a space character. */
const WORD_GAP = 0.16;
/** Glyphs whose baselines differ by less than this share of the font size stand on one line (superscripts included). */
const BASELINE_TOLERANCE = 0.45;

const ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D3\u06D5\u06EE-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFC]/;
/** Letters of the left-to-right scripts an Arabic document quotes: names in Latin, Cyrillic, Greek. */
const LATIN_LETTER = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;
/** Combining marks (harakat, tanween, superscript alef…): they belong to the letter before them. */
const COMBINING = /^[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED]+$/;
/** Direction marks: invisible, but where a producer put one between two words it stands for the space. */
const DIRECTION_MARK = /^[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]$/;
/** Invisible characters that never separate anything (zero-width joiners, soft hyphen, BOM). */
const INVISIBLE = /^[\u200B-\u200D\u2060\u00AD\uFEFF]$/;

/**
 * The text of a glyph in the letters the index reads: presentation forms (U+FB50–FDFF, U+FE70–FEFE)
 * folded by NFKC, for those code points only (NFKC elsewhere would change digits, ligatures in Latin…).
 * NFKC gives the isolated harakat forms a leading space (U+FE70 → " ً"): it is dropped.
 */
export function foldGlyphText(text: string): string {
  return text.replace(/[\uFB50-\uFDFF\uFE70-\uFEFE]/g, (c) => c.normalize("NFKC").replace(/ /g, ""));
}

/** A glyph as placed on its line: a letter (with any marks that sit on it), a space, or an unmapped filler. */
interface Cluster {
  text: string;
  kind: "letter" | "mark" | "space" | "filler";
  x: number;
  left: number;
  right: number;
  baseline: number;
  size: number;
  weight: number;
  /** Its place in the content stream, and whether a direction mark or a zero-width space followed it there. */
  index: number;
  breakAfter?: "mark" | "space";
}

/** A glyph with a control character or U+FFFD for its text (LibreOffice's kashida): width, no letter. Not a tab. */
function isFiller(text: string): boolean {
  const code = text.codePointAt(0) ?? 0;
  return text.length === 1 && ((code < 0x20 && code !== 0x09) || code >= 0xfffd);
}

function clustersOf(glyphs: Glyph[]): Cluster[] {
  const clusters: Cluster[] = [];
  for (const glyph of glyphs) {
    const text = foldGlyphText(glyph.text);
    if (text === "" || INVISIBLE.test(text)) continue;
    // A space with no width stands anywhere (LibreOffice puts it at the far end of the next word), so, like a direction
    // mark, it only separates the two glyphs around it in the stream when they are neighbours on the line. In a
    // 1-point font it is one Chromium puts inside words (Amiri): ignored.
    const zeroWidthSpace = /^\s$/.test(text) && glyph.right - glyph.left < 0.01;
    if (zeroWidthSpace && glyph.size < 2) continue;
    if (DIRECTION_MARK.test(text) || zeroWidthSpace) {
      const last = clusters.at(-1);
      if (last) last.breakAfter ??= zeroWidthSpace ? "space" : "mark";
      continue;
    }
    const kind = isFiller(text) ? "filler" : /^\s+$/.test(text) ? "space" : COMBINING.test(text) ? "mark" : "letter";
    const { x, left, right, baseline, size, weight } = glyph;
    const visible = kind === "letter" || kind === "mark" ? text : "";
    clusters.push({ text: visible, kind, x, left, right, baseline, size, weight, index: clusters.length });
  }
  return clusters;
}

/** Clusters grouped by baseline, each group in content-stream order; lines top to bottom. */
function groupByBaseline(clusters: Cluster[]): Cluster[][] {
  const lines: { baseline: number; size: number; clusters: Cluster[] }[] = [];
  for (const cluster of clusters) {
    let line = lines.at(-1);
    const fits = (l: { baseline: number; size: number }) => Math.abs(l.baseline - cluster.baseline) < BASELINE_TOLERANCE * Math.max(l.size, cluster.size);
    if (!line || !fits(line)) line = lines.findLast(fits);
    if (!line) {
      line = { baseline: cluster.baseline, size: cluster.size, clusters: [] };
      lines.push(line);
    }
    // The line's baseline is its largest glyphs': a superscript does not move it.
    if (cluster.size > line.size) Object.assign(line, { baseline: cluster.baseline, size: cluster.size });
    line.clusters.push(cluster);
  }
  return lines.sort((a, b) => b.baseline - a.baseline).map((l) => l.clusters);
}

const center = (c: Cluster) => (c.left + c.right) / 2;

/**
 * A line's clusters left to right. A mark whose center falls inside a letter's box joins that letter
 * (the nearest in the stream when several), so it is never read apart from it; other marks keep their place.
 * Sorted by origin, not by box: stacked Arabic glyphs (Amiri's كما) overlap, their origins keep their order.
 * The letters of one ligature glyph share its origin: PDFium gives them parts of its box, the first
 * in reading order the part that ends further right; with equal boxes, stream order decides (reversed by the bidi).
 */
function visualOrder(clusters: Cluster[]): Cluster[] {
  const placed: Cluster[] = [];
  for (const c of clusters) {
    if (c.kind !== "mark") continue;
    const x = center(c);
    let base: Cluster | undefined;
    for (const b of clusters) {
      if (b.kind !== "letter" || x < b.left - 0.01 || x > b.right + 0.01) continue;
      if (!base || Math.abs(b.index - c.index) < Math.abs(base.index - c.index)) base = b;
    }
    if (base) {
      base.text += c.text;
      c.text = "";
    }
  }
  for (const c of clusters) if (c.text !== "" || c.kind === "space" || c.kind === "filler") placed.push(c);
  placed.sort((a, b) => lamAlef(a, b) || (Math.abs(a.x - b.x) >= 0.01 ? a.x - b.x : a.right - b.right));
  markKashidaDigits(placed);
  return placed;
}

/**
 * The two letters of a lam-alef ligature, given (nearly) one box: lam reads first, so alef stands left of it,
 * whichever order the stream gave them in. 0 for any other pair.
 */
function lamAlef(a: Cluster, b: Cluster): number {
  const alef = (c: Cluster) => /^[\u0622\u0623\u0625\u0627]/.test(c.text);
  const lam = (c: Cluster) => c.text.startsWith("\u0644");
  const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  if (overlap < 0.8 * Math.min(a.right - a.left, b.right - b.left)) return 0;
  if (alef(a) && lam(b)) return -1;
  if (lam(a) && alef(b)) return 1;
  return 0;
}

/**
 * LibreOffice names its kashida glyphs (the stretches of justified Arabic) after a digit of the
 * font ("قط1اع"): digits with Arabic letters on both sides, inside one word, are such stretches.
 */
function markKashidaDigits(visual: Cluster[]): void {
  const touching = (a: Cluster | undefined, b: Cluster | undefined) => a && b && b.left - a.right < WORD_GAP * a.size;
  for (let i = 1; i < visual.length - 1; i++) {
    if (!/^[0-9]$/.test(visual[i]!.text)) continue;
    let j = i;
    while (j + 1 < visual.length && /^[0-9]$/.test(visual[j + 1]!.text)) j++;
    const [before, after] = [visual[i - 1], visual[j + 1]];
    const arabic = (c: Cluster | undefined) => c !== undefined && ARABIC_LETTER.test(c.text);
    // Narrower than any digit, and stream neighbours of the letters (a mark may sit between): "17" between two
    // direction marks is a number.
    const run = visual.slice(i - 1, j + 2);
    const streamed = Math.max(...run.map((c) => c.index)) - Math.min(...run.map((c) => c.index)) <= run.length + 1;
    const narrow = visual.slice(i, j + 1).every((c) => c.right - c.left < 0.35 * c.size);
    if (arabic(before) && arabic(after) && streamed && narrow && touching(before, visual[i]) && touching(visual[j], after)) {
      for (let k = i; k <= j; k++) Object.assign(visual[k]!, { text: "", kind: "filler" });
    }
    i = j;
  }
}

/** Visual order to words: split at spaces, at direction marks between stream neighbours, and at gaps wider than WORD_GAP. */
function wordsOf(visual: Cluster[]): Cluster[][] {
  const byIndex = new Map(visual.map((c) => [c.index, c]));
  const words: Cluster[][] = [];
  let word: Cluster[] = [];
  let before: Cluster | undefined;
  for (const cluster of visual) {
    if (cluster.kind === "space") {
      if (word.length > 0) words.push(word);
      word = [];
      before = undefined;
      continue;
    }
    // A mark never starts a word. One with a width of its own (a part of its letter's glyph) bridges the gap it covers.
    if (cluster.kind === "mark") {
      word.push(cluster);
      if (cluster.right - cluster.left > 0.01) before = cluster;
      continue;
    }
    if (before && word.length > 0 && separated(before, cluster, byIndex)) {
      words.push(word);
      word = [];
    }
    word.push(cluster);
    before = cluster;
  }
  if (word.length > 0) words.push(word);
  return words.filter((w) => w.some((c) => c.text !== ""));
}

/** The longest left-to-right run (a date, a name) a direction mark is looked for across. */
const MAX_RUN = 16;

function separated(a: Cluster, b: Cluster, byIndex: Map<number, Cluster>): boolean {
  const gap = b.left - a.right;
  // Citation markers come from a fallback font with wide side bearings: ".[9]" and "[15][16]" stay whole.
  const marker = /^[[\]]$/.test(a.text) && /^[[\].]$/.test(b.text);
  const markerReversed = /^[[\].]$/.test(a.text) && /^[[\]]$/.test(b.text);
  if (gap > (marker || markerReversed ? 2 : 1) * WORD_GAP * Math.min(a.size, b.size)) return true;
  // A direction mark in the stream between two neighbouring glyphs stands for a space, whichever order the stream
  // wrote them in, and however long the number or name between ("قتل‏17‏شخصا": ل and 7 are neighbours on the line).
  // A zero-width space separates only glyphs that are neighbours in the stream too.
  const [first, second] = a.index < b.index ? [a, b] : [b, a];
  if (second.index === first.index + 1 && first.breakAfter) return true;
  if (second.index - first.index > MAX_RUN) return false;
  for (let i = first.index; i < second.index; i++) if (byIndex.get(i)?.breakAfter === "mark") return true;
  return false;
}

/** Arabic and Latin letters among glyphs: which way a document mostly reads. */
export function scriptCounts(glyphs: Glyph[]): { arabic: number; latin: number } {
  let arabic = 0;
  let latin = 0;
  for (const g of glyphs) {
    if (ARABIC_LETTER.test(g.text)) arabic++;
    else if (LATIN_LETTER.test(g.text)) latin++;
  }
  return { arabic, latin };
}

const isArabic = (word: Cluster[]) => word.some((c) => ARABIC_LETTER.test(c.text));
const isLatin = (word: Cluster[]) => word.some((c) => LATIN_LETTER.test(c.text));

/**
 * One page's glyphs (in content-stream order) to its lines, top to bottom, each in logical order.
 * A line reads right to left when it has Arabic words and either as many as Latin ones or a
 * right-to-left page or document around it (a reference in Latin in an Arabic document is still right to left).
 */
export function linesOf(glyphs: Glyph[], page: number, documentRtl = false): Line[] {
  const rows = groupByBaseline(clustersOf(glyphs)).map((clusters) => wordsOf(visualOrder(clusters)));
  const arabicWords = rows.flat().filter(isArabic).length;
  const pageRtl = documentRtl || (arabicWords > 0 && arabicWords >= rows.flat().filter(isLatin).length);
  const lines: Line[] = [];
  const extents = rows.flat(2).filter((c) => c.kind === "letter");
  const columnRight = Math.max(...extents.map((c) => c.right));
  for (const words of rows) {
    // A lone letter on a line of its own is debris: Chromium repeats a glyph cut by the page end below the margin.
    if (words.length === 0 || (words.length === 1 && words[0]!.filter((c) => c.kind === "letter").length < 2 && isArabic(words[0]!))) continue;
    const letters = words.flat();
    const right = Math.max(...letters.map((c) => c.right));
    const arabic = words.filter(isArabic).length;
    // A line without Arabic in an Arabic document ("21 Mar 2021. Retrieved…") reads right to left when it starts at the right edge.
    const rtl = arabic > 0 ? pageRtl || arabic >= words.filter(isLatin).length : documentRtl && columnRight - right < letters[0]!.size;
    const units: (Cluster | typeof SPACE)[] = words.flatMap((w, i) => (i === 0 ? w : [SPACE, ...w]));
    const logical = logicalOrder(units, rtl);
    const firstEnd = logical.indexOf(SPACE);
    const first = (firstEnd < 0 ? logical : logical.slice(0, firstEnd)) as Cluster[];
    lines.push({
      text: placeTanweenFath(logical.map((u) => u.text).join("")),
      page,
      baseline: letters.reduce((a, b) => (b.size > a.size ? b : a)).baseline,
      left: Math.min(...letters.map((c) => c.left)),
      right,
      size: dominant(letters, (c) => c.size),
      weight: dominant(letters, (c) => c.weight),
      rtl,
      firstWordWidth: Math.max(...first.map((c) => c.right)) - Math.min(...first.map((c) => c.left)),
    });
  }
  return lines;
}

/**
 * Tanween fath stands on the letter before a word's final alef (إرهابًا), or after a final ة, ء
 * or ى. Fonts draw it over the alef or between letters, so attached by position it can land a
 * letter early (إرهاًبا, which the index would read as another word): it goes back where the
 * spelling puts it. Words with more than one, or none, are left as they are.
 */
export function placeTanweenFath(text: string): string {
  return text.replace(/[\u0621-\u065F\u0670]+/g, (word) => {
    if (word.split("\u064B").length !== 2) return word;
    const bare = word.replace("\u064B", "");
    const last = bare.replace(/[\u064C-\u065F\u0670]+$/, "").at(-1);
    if (last === "ة" || last === "ء" || last === "ى") return `${bare}\u064B`;
    if (last === "ا") return bare.replace(/ا([\u064C-\u065F\u0670]*)$/, "\u064Bا$1");
    return word;
  });
}

/** The space between two words of a line, as a bidi unit. */
const SPACE = { text: " " } as const;

/** The value most of the line's characters have. */
function dominant(clusters: Cluster[], value: (c: Cluster) => number): number {
  const counts = new Map<number, number>();
  for (const c of clusters) counts.set(value(c), (counts.get(value(c)) ?? 0) + c.text.length);
  return [...counts].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}
