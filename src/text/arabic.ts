/**
 * Arabic text analysis: the normalization of Lucene's ArabicNormalizer, a stop-word list, and the
 * Light10 light stemmer (Larkey et al.), as Lucene's ArabicStemmer implements it.
 */

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
    .replace(ARABIC_INDIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

/**
 * Function words that carry no topic, in their proper spelling (Lucene's Arabic stop-word list
 * and question words). Like Lucene, words are compared before hamza and alef folding, so that
 * هنأ (congratulated) is not taken for هنا (here); the casual spellings people type (الى and
 * الي for إلى) are in the set as well.
 */
const STOP_WORDS_RAW = `
من ومن منها منه منهم في وفي فيها فيه فيهم و ف ثم أو ب بها به بهم ا أ أي أى لا ولا إلا ألا لكن ولكن ما وما كما فما
عن وعن مع ومع إذا وإذا أن إن وأن وإن فإن بأن لأن أنها إنها أنه إنه أنهم إنهم التي الذي الذين اللذين اللتين اللواتي
إلى وإلى على وعلى عليها عليه عليهم أما إما أيضا كل وكل لم ولم لن ولن هي هو هم هن وهي وهو وهم فهي فهو أنت أنتم
أنا نحن لك لها له لهم هذه وهذه هذا وهذا هؤلاء تلك ذلك وذلك هناك هنا كانت وكانت كان وكان يكون تكون كانوا غير بعض
قد وقد لقد نحو بين بينما منذ ضمن حيث الآن خلال بعد وبعد قبل وقبل حتى عند عندما لدى جميع أيها ماذا متى أين كيف
لماذا هل أم إذ إذن لي عليك ذات ذو تم وتم كذلك لذلك فقد سوف كم
`;

/** How people commonly type a word without care: no hamza on a leading alef, ي for final ى. */
function casualSpellings(word: string): string[] {
  const bare = word.replace(/^[\u0623\u0625\u0622]/, "\u0627");
  return [word, bare, word.replace(/\u0649$/, "\u064A"), bare.replace(/\u0649$/, "\u064A")];
}

const STOP_WORDS = new Set(STOP_WORDS_RAW.split(/\s+/).filter(Boolean).flatMap(casualSpellings));

/** Whether a word (diacritics and tatweel already removed) is an Arabic stop word. */
export function isArabicStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
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

/** Single-letter proclitics: conjunctions و ف, prepositions ب ك ل. */
const PROCLITICS = ["و", "ف", "ب", "ك", "ل"];
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
