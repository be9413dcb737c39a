/**
 * Arabic text analysis: the normalization of Lucene's ArabicNormalizer, a stop-word list, the
 * Light10 light stemmer (Larkey et al.) as Lucene's ArabicStemmer implements it, a broader stem,
 * and the ISRI root extractor (Taghva et al.).
 */
import { readWordList } from "./word-list.js";

/** Tashkeel (U+064B–U+0652), superscript alef (U+0670) and tatweel (U+0640): removed. */
const DIACRITICS_AND_TATWEEL = /[\u064B-\u0652\u0670\u0640]/g;
const ALEF_VARIANTS = /[\u0623\u0625\u0622\u0671]/g; // أ إ آ ٱ
/** The alef that only carries tanween fath (وفدًا): dropped, so وفدًا meets وفد. */
const TANWEEN_ALEF = /\u064B\u0627|\u0627\u064B/g;
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/**
 * Normalizes Arabic spelling variants so that a word matches however it was typed:
 * أ إ آ ٱ → ا, ى → ي, ة → ه, diacritics and tatweel removed. Also folds the Persian
 * forms ی and ک that keyboards produce, and Arabic-Indic digits to ASCII digits.
 */
export function normalizeArabic(text: string): string {
  return text
    .replace(TANWEEN_ALEF, "")
    .replace(DIACRITICS_AND_TATWEEL, "")
    .replace(ALEF_VARIANTS, "\u0627")
    .replace(/\u0649/g, "\u064A") // ى → ي
    .replace(/\u0629/g, "\u0647") // ة → ه
    .replace(/\u06CC/g, "\u064A") // ی → ي
    .replace(/\u06A9/g, "\u0643") // ک → ك
    .replace(ARABIC_INDIC_DIGITS, asciiDigit);
}

/** An Arabic-Indic or Persian digit as an ASCII one. */
function asciiDigit(digit: string): string {
  return String((digit.charCodeAt(0) & 0xf) % 10);
}

/** `text` with its Arabic-Indic and Persian digits written as ASCII digits (the rest as it is). */
export function asciiDigits(text: string): string {
  return text.replace(ARABIC_INDIC_DIGITS, asciiDigit);
}

/** How people commonly type a word without care: no hamza on a leading alef, ي for final ى. */
function casualSpellings(word: string): string[] {
  const bare = word.replace(/^[\u0623\u0625\u0622]/, "\u0627");
  return [word, bare, word.replace(/\u0649$/, "\u064A"), bare.replace(/\u0649$/, "\u064A")];
}

/**
 * Function words that carry no topic (arabic-stopwords.txt). Like Lucene, words are compared
 * before hamza and alef folding, so that هنأ (congratulated) is not taken for هنا (here); the
 * casual spellings people type (الى and الي for إلى) are in the set as well.
 */
const STOP_WORDS = new Set(readWordList(new URL("./arabic-stopwords.txt", import.meta.url)).flatMap(casualSpellings));

/** Single-letter proclitics, written joined to the next word: conjunctions و ف, prepositions ب ك ل. */
const PROCLITICS = ["و", "ف", "ب", "ك", "ل"];

/**
 * Whether a word (diacritics and tatweel already removed) is an Arabic stop word, alone or behind
 * a proclitic (لهذه, والتي). The proclitic is only looked for in words of four letters or more:
 * shorter ones are too often content words (فهم understanding, ولي guardian).
 */
export function isArabicStopWord(word: string): boolean {
  if (STOP_WORDS.has(word)) return true;
  return word.length >= 4 && PROCLITICS.includes(word[0]!) && STOP_WORDS.has(word.slice(1));
}

/** The case forms of «أبو» (father of, in names: أبو مرزوق, لأبي مرزوق, أبا مرزوق), normalized. */
const ABU_CASE_FORMS = new Set(["ابي", "ابا"]);

/**
 * Other readings of a normalized word that a reader takes without thinking and Light10 does not:
 * without the single proclitic it starts with (لهنية → هنية, كحماس → حماس, وبموسكو → موسكو; three
 * letters or more left), and أبو for its case forms (أبي, أبا). Light10 removes only the article
 * with its proclitics and a leading و, since a proclitic's letter also starts many words (بلد, لبنان):
 * so these readings are for telling whether the corpus holds a question's word in some form, and
 * for searching a question's word that the corpus holds in no other (answer/absent-words.ts).
 */
export function looserReadings(word: string): string[] {
  const readings: string[] = [];
  const add = (reading: string) => {
    const form = ABU_CASE_FORMS.has(reading) ? "ابو" : reading;
    if (form !== word && !readings.includes(form)) readings.push(form);
  };
  add(word);
  const [first = "", second = ""] = word;
  if (PROCLITICS.includes(first) && word.length >= 4) add(word.slice(1));
  // A conjunction before a preposition: وبموسكو, فلحماس.
  if ("وف".includes(first) && "بكل".includes(second) && word.length >= 5) add(word.slice(2));
  return readings;
}

/**
 * A word as written, folded for comparing with a list of words typed without care: diacritics
 * removed first (so that شكرًا keeps its alef and meets شكرا), then the spellings normalizeArabic folds.
 */
export function foldedWord(word: string): string {
  return normalizeArabic(stripDiacritics(word));
}

/** Removes diacritics and tatweel only: the spelling stop words are compared in. */
export function stripDiacritics(word: string): string {
  return word.replace(DIACRITICS_AND_TATWEEL, "");
}

/** Light10 prefixes, longest first (only one is removed). */
const PREFIXES = ["وال", "بال", "كال", "فال", "لل", "ال", "و"];
/** Light10 suffixes, in the order Lucene tries them (each removed at most once). */
const SUFFIXES = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"];

/**
 * Light10 stemming of a normalized word: strips one article/conjunction prefix, then the common
 * plural, dual, feminine and pronoun suffixes, always leaving at least two letters
 * (و only from words of four letters or more), as Lucene's ArabicStemmer does.
 */
export function stemArabic(word: string): string {
  let stem = word;
  for (const prefix of PREFIXES) {
    const minLength = prefix.length === 1 ? 4 : prefix.length + 2;
    if (stem.length >= minLength && stem.startsWith(prefix)) {
      stem = stem.slice(prefix.length);
      break;
    }
  }
  for (const suffix of SUFFIXES) {
    if (stem.length >= suffix.length + 2 && stem.endsWith(suffix)) {
      stem = stem.slice(0, -suffix.length);
    }
  }
  return stem;
}

/** Imperfect-verb prefixes: ي ت ن ا (he/she/we/I). */
const VERB_PREFIXES = ["ي", "ت", "ن", "ا"];
/** Pronoun and inflection suffixes beyond Light10's, longest first. */
const BROAD_SUFFIXES = ["تما", "هما", "كما", "تم", "تن", "هم", "هن", "كم", "نا", "وا", "ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي", "ت", "ا"];

/**
 * A more aggressive stem than Light10, used as a second index term beside the light stem: it
 * also strips single-letter proclitics (ك in كمنظمة), imperfect-verb prefixes (ت in تصنف) and
 * the perfect-verb and pronoun suffixes (ت in صنفت), so that both verbs meet at صنف. It
 * conflates more words than Light10 does, which is why the light stem is kept beside it.
 */
export function stemArabicBroad(word: string): string {
  let stem = word;
  for (const clitic of PROCLITICS) {
    if (stem.length >= 6 && stem.startsWith(clitic)) {
      stem = stem.slice(1);
      break;
    }
  }
  stem = stemArabic(stem);
  for (const prefix of VERB_PREFIXES) {
    if (stem.length >= 4 && stem.startsWith(prefix)) {
      stem = stem.slice(1);
      break;
    }
  }
  for (const suffix of BROAD_SUFFIXES) {
    if (stem.length >= suffix.length + 3 && stem.endsWith(suffix)) {
      stem = stem.slice(0, -suffix.length);
      break;
    }
  }
  return stem;
}

/*
 * Roots, after the ISRI stemmer (Taghva, Elkhoury and Coombs, "Arabic stemming without a root
 * dictionary", 2005), adapted to normalized text (ة is ه, hamza seats on alef are bare alef).
 * A root joins the words of one family that no affix stripping joins: اعترض and الاعتراضات
 * (عرض), أرسل and إرسال (رسل), تصنف and تصنيف (صنف), تمويل and مولها (مول).
 */
const ROOT_PREFIXES_3 = ["كال", "بال", "ولل", "وال"];
const ROOT_PREFIXES_2 = ["ال", "لل"];
const ROOT_SUFFIXES_3 = ["تان", "تين", "تما", "هما", "كما"];
const ROOT_SUFFIXES_2 = ["ون", "ات", "ان", "ين", "تن", "كم", "هن", "نا", "يا", "ها", "تم", "كن", "ني", "وا", "ما", "هم"];
/** One-letter affixes removed when a word fits no pattern. */
const ROOT_SUFFIX_1 = /[هيكتان]$/;
const ROOT_PREFIX_1 = /^[لبفسويتنا]/;

const dropSuffix1 = (w: string) => (ROOT_SUFFIX_1.test(w) ? w.slice(0, -1) : w);
const dropPrefix1 = (w: string) => (ROOT_PREFIX_1.test(w) ? w.slice(1) : w);
/** No pattern fits: drop a one-letter suffix, else a one-letter prefix. */
function dropAffix1(w: string): string {
  const shorter = dropSuffix1(w);
  return shorter.length === w.length ? dropPrefix1(w) : shorter;
}

/** Four-letter patterns to three-letter roots. */
function root4(w: string): string {
  if (w[0] === "م") return w.slice(1); // مفعل
  if (w[1] === "ا") return w[0] + w.slice(2); // فاعل
  if ("اوي".includes(w[2]!)) return w.slice(0, 2) + w[3]; // فعال فعول فعيل
  if (w[3] === "ه") return w.slice(0, 3); // فعلة
  return dropAffix1(w);
}

/** Five-letter patterns to three-letter roots. */
function root5to3(w: string): string {
  const [a, b, c, d, e] = [...w];
  if ("ات".includes(c!) && a === "ا") return b + w.slice(3); // افتعل افاعل
  if ("ايو".includes(d!) && a === "م") return w.slice(1, 3) + e; // مفعول مفعال مفعيل
  if ("اتم".includes(a!) && e === "ه") return w.slice(1, 4); // مفعلة تفعلة افعلة
  if ("ميت".includes(a!) && c === "ت") return b + w.slice(3); // مفتعل يفتعل تفتعل
  if ("مت".includes(a!) && c === "ا") return b + w.slice(3); // مفاعل تفاعل
  if ("او".includes(c!) && e === "ه") return w.slice(0, 2) + d; // فعولة فعالة
  if ("ام".includes(a!) && b === "ن") return w.slice(2); // انفعل منفعل
  if (d === "ا" && a === "ا") return w.slice(1, 3) + e; // افعال
  if (e === "ن" && d === "ا") return w.slice(0, 3); // فعلان
  if (d === "ي" && a === "ت") return w.slice(1, 3) + e; // تفعيل
  if (d === "و" && b === "ا") return a! + c + e; // فاعول
  if (c === "ا" && b === "و") return a + w.slice(3); // فواعل
  if (d === "ئ" && c === "ا") return w.slice(0, 2) + e; // فعائل
  if (e === "ه" && b === "ا") return a + w.slice(2, 4); // فاعلة
  if (e === "ي" && c === "ا") return w.slice(0, 2) + d; // فعالي
  return dropAffix1(w);
}

/** Five-letter patterns to four-letter roots. */
function root5to4(w: string): string {
  if ("اتم".includes(w[0]!)) return w.slice(1); // تفعلل افعلل مفعلل
  if (w[4] === "ه") return w.slice(0, 4); // فعللة
  if (w[2] === "ا") return w.slice(0, 2) + w.slice(3); // فعالل
  return w;
}

function finish5(w: string): string {
  if (w.length === 4) return root4(w);
  if (w.length === 5) return root5to4(w);
  return w;
}

/** Six-letter patterns to three-letter roots. */
function root6to3(w: string): string {
  if (w.startsWith("است") || w.startsWith("مست")) return w.slice(3); // استفعل مستفعل
  if (w[0] === "م" && w[3] === "ا" && w[5] === "ه") return w.slice(1, 3) + w[4]; // مفعالة
  if (w[0] === "ا" && w[2] === "ت" && w[4] === "ا") return w[1]! + w[3] + w[5]; // افتعال
  if (w[0] === "ا" && w[3] === "و" && w[2] === w[4]) return w[1] + w.slice(4); // افعوعل
  if (w[0] === "ت" && w[2] === "ا" && w[4] === "ي") return w[1]! + w[3] + w[5]; // تفاعيل
  return dropAffix1(w);
}

/** Six-letter patterns to four-letter roots. */
function root6to4(w: string): string {
  if (w[0] === "ا" && w[4] === "ا") return w.slice(1, 4) + w[5]; // افعلال
  if (w.startsWith("مت")) return w.slice(2); // متفعلل
  return w;
}

function finish6(w: string): string {
  if (w.length === 5) return finish5(root5to3(w));
  if (w.length === 6) return root6to4(w);
  return w;
}

/**
 * The root of a normalized word, as the ISRI stemmer finds it: prefixes and suffixes of three and
 * two letters, then the word's pattern by its length (four to seven letters; shorter and longer
 * words are left as they are). It guesses without a dictionary, so it mangles some names
 * (كاليفورنيا → يفر): that is why a root is only ever a loose, low-weight term beside the stems.
 */
export function rootArabic(word: string): string {
  let w = word;
  const prefix = (w.length >= 6 && ROOT_PREFIXES_3.find((p) => w.startsWith(p))) || (w.length >= 5 && ROOT_PREFIXES_2.find((p) => w.startsWith(p)));
  if (prefix) w = w.slice(prefix.length);
  const suffix = (w.length >= 6 && ROOT_SUFFIXES_3.find((s) => w.endsWith(s))) || (w.length >= 5 && ROOT_SUFFIXES_2.find((s) => w.endsWith(s)));
  if (suffix) w = w.slice(0, -suffix.length);
  if (w.length >= 4 && w.startsWith("وو")) w = w.slice(1);
  switch (w.length) {
    case 4:
      return root4(w);
    case 5:
      return finish5(root5to3(w));
    case 6:
      return finish6(root6to3(w));
    case 7: {
      const six = dropAffix1(w);
      return six.length === 6 ? finish6(root6to3(six)) : six;
    }
    default:
      return w;
  }
}
