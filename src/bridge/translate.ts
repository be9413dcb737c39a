/**
 * Query translation: an English (or mixed) question becomes, word by word, the group of Arabic
 * words it may be written as. Stop words and question words are dropped; set phrases are looked
 * up before single words; inflected words are found through the lexicon's own forms first
 * (hosting), then simple suffix rules (delegations → delegation, killed → kill), then the Porter
 * stem; words the lexicon lacks (names, rare words) are matched against the corpus's vocabulary
 * (names.ts); numbers pass as they are; Arabic words pass as they are.
 */
import { BRIDGE, type TranslationSettings } from "../config/tuning.js";
import { analyzeWord, splitWords } from "../text/analyzer.js";
import { hasArabic } from "../text/language.js";
import { normalizeText } from "../text/normalize.js";
import { baseForms, isEnglishStopWord, LEFT_OUT_ALONE } from "./english-words.js";
import { type Lexicon, lexiconKey } from "./lexicon.js";
import { englishShape, type NameIndex, skeletonOf, transliterates } from "./names.js";
import { ABBREVIATIONS, HYPHEN_PREFIXES, PHRASES, PREFERRED_TRANSLATIONS } from "./translation-tables.js";

/** One English word (or phrase) of a question and the Arabic words it may be written as. */
export interface TranslatedWord {
  /** The word or phrase as the question has it. */
  en: string;
  /** Its Arabic alternatives, best first; empty when none was found (the word is then searched as it is). */
  ar: string[];
}

/** A word: an abbreviation written with full stops (U.S., u.k.), or letters and digits with inner apostrophes and hyphens (Russia's, al-Assad). */
const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;
/**
 * The Arabic article written apart from the name it belongs to (al aqsa, el sisi): left out, as the
 * name index holds names without it too (not read as the dictionary's al, Alabama).
 */
const ARTICLE_APART = /\b(al|el)\s+(?=\p{Script=Latin})/giu;
const LATIN = /\p{Script=Latin}/u;
const NUMBER = /^\p{N}+$/u;

/** Translates questions with a lexicon and (optionally) the corpus's name index. */
export class QueryTranslator {
  private readonly phrases: Map<string, string[]>;
  /** The preferred translations of single words (phrases are in `phrases`), when the settings take them. */
  private readonly preferred: ReadonlyMap<string, string[]>;
  private readonly maxPhraseWords: number;
  /** The corpus's words analyzed (corpusWords), once asked for. */
  private analyzedCorpus?: { terms: Set<string>; mainTerms: Set<string> };

  constructor(
    private readonly lexicon: Lexicon,
    private readonly names?: NameIndex,
    private readonly settings: TranslationSettings = BRIDGE.translation,
  ) {
    const preferred = settings.preferredTranslations ? [...PREFERRED_TRANSLATIONS].map(([english, arabic]): [string, string[]] => [english, [...arabic]]) : [];
    this.phrases = new Map([...PHRASES, ...preferred.filter(([english]) => english.includes(" "))]);
    this.preferred = new Map(preferred.filter(([english]) => !english.includes(" ")));
    this.maxPhraseWords = Math.max(lexicon.maxPhraseWords, ...[...this.phrases.keys()].map((p) => p.split(" ").length));
  }

  /**
   * The main terms (light stems) and roots of the corpus's words (`terms`), and the main terms
   * alone (`mainTerms`: a word of the corpus, not a looser stem of one), when a name index is
   * given. Made at the first translation that needs them, not as the index opens: analyzing every
   * word of a large corpus takes a while.
   */
  private get corpusWords(): { terms: Set<string>; mainTerms: Set<string> } | undefined {
    if (!this.names || this.analyzedCorpus) return this.analyzedCorpus;
    const corpus = { terms: new Set<string>(), mainTerms: new Set<string>() };
    for (const word of this.names.words()) {
      const terms = analyzeWord(word) ?? [];
      for (const term of terms) corpus.terms.add(term);
      if (terms[0]) corpus.mainTerms.add(terms[0]);
    }
    this.analyzedCorpus = corpus;
    return corpus;
  }

  /** The same translator with other settings (for measuring). */
  withSettings(settings: Partial<TranslationSettings>): QueryTranslator {
    return new QueryTranslator(this.lexicon, this.names, { ...this.settings, ...settings });
  }

  /** The Arabic of a phrase of several words, from the phrase list or the lexicon. */
  private phrase(words: string[]): string[] | undefined {
    const key = lexiconKey(words.join(" "));
    return this.phrases.get(key) ?? this.lexicon.senses(key)?.slice(0, this.settings.senses).flat();
  }

  /** The preferred translations of a word (lower case) or of its base form (located → locate). */
  private preferredTranslation(lower: string): string[] | undefined {
    // The Porter stem is too loose for a list of words of their own (national is not nation).
    for (const form of [lower, ...baseForms(lower, false)]) {
      const preferred = this.preferred.get(form);
      if (preferred) return preferred;
    }
    return undefined;
  }

  /**
   * The alternatives of one English word: from the preferred translations (the word, then its base forms:
   * located → locate), else from the lexicon, trying its base forms when the word itself is not there.
   */
  lookUp(word: string): string[] | undefined {
    return this.preferredTranslation(word.toLowerCase()) ?? this.lexiconLookUp(word);
  }

  /** The lexicon's (and phrase list's) alternatives for one English word, trying its base forms when the word itself is not there. */
  private lexiconLookUp(word: string): string[] | undefined {
    const lower = word.toLowerCase();
    let found: string[] | undefined;
    for (const form of [lower, ...baseForms(lower)]) {
      const senses = this.phrases.get(form) ?? this.lexicon.senses(form)?.slice(0, this.settings.senses).flat();
      if (!senses || senses.length === 0) continue;
      if (found) return [...new Set([...found, ...senses])];
      if (!this.settings.baseFormToo || form !== lower) return senses;
      found = senses;
    }
    return found;
  }

  /**
   * The dictionary gives some verbs as imperatives (say → قل, write → اكتب), which texts seldom
   * use: a two-letter imperative of a hollow verb also stands for its past forms (قال, قول, قيل:
   * those the corpus has), and اكتب for كتب.
   */
  private withoutImperatives(alternatives: string[]): string[] {
    if (!this.settings.imperatives) return alternatives;
    return alternatives.flatMap((alternative) => {
      if (alternative.includes(" ")) return [alternative];
      const letters = [...alternative];
      if (letters.length === 2) {
        const past = ["ا", "و", "ي"].map((middle) => letters[0] + middle + letters[1]).filter((form) => this.corpusWords && this.inCorpus(form));
        return [alternative, ...past];
      }
      // اكتب → كتب, when the corpus has the past as a word of its own (احتل is a past already: حتل is no word).
      if (letters.length === 4 && /^[اإ]/.test(alternative)) {
        const past = alternative.slice(1);
        const main = analyzeWord(past)?.[0];
        const mainTerms = this.corpusWords?.mainTerms;
        return !mainTerms || (main && mainTerms.has(main)) ? [alternative, past] : [alternative];
      }
      return [alternative];
    });
  }

  /** Whether some word of an Arabic alternative occurs in the corpus, by its stem or root (true without a name index). */
  private inCorpus(alternative: string): boolean {
    const terms = this.corpusWords?.terms;
    if (!terms) return true;
    return splitWords(alternative).some((word) => (analyzeWord(word) ?? []).some((term) => terms.has(term)));
  }

  /**
   * Whether a phrase's translation is a name of the corpus: written in Arabic letters by its sounds
   * (new york → نيويورك) and held by the corpus. (One word written so is as often a loanword: gas,
   * internet, الغاز, الإنترنت.)
   */
  private isCorpusName({ en, ar }: TranslatedWord): boolean {
    return !!this.corpusWords && ar.length > 0 && transliterates(en, ar[0]!) && this.inCorpus(ar[0]!);
  }

  /** Whether an English word has enough consonant classes to be read as a name by its sounds alone (see TranslationSettings.soundNameMinClasses). */
  private soundsLikeName(english: string): boolean {
    return skeletonOf(englishShape(english)).length >= this.settings.soundNameMinClasses;
  }

  /** The question's words with their Arabic alternatives, in question order; stop words left out. */
  translate(question: string): TranslatedWord[] {
    // Read as the documents are (fullwidth Ｐｕｔｉｎ is Putin, presentation forms are letters); the
    // article written apart left out (blanked: offsets stay).
    const text = normalizeText(question).replace(ARTICLE_APART, (article) => " ".repeat(article.length));
    return this.translateFrom(text, 0, hasArabic(text));
  }

  /**
   * translate for `text` found at `offset` in the question (the parts of a hyphenated word: not its
   * start); `arabicQuestion` when the question has Arabic words.
   */
  private translateFrom(text: string, offset: number, arabicQuestion: boolean): TranslatedWord[] {
    const tokens = [...text.matchAll(WORD)].map((m) => ({ word: m[0], start: offset + m.index }));
    const out: TranslatedWord[] = [];
    const { maxAlternatives } = this.settings;
    /** The name of the corpus last translated, typed in lower case: the token after it. */
    let lowerCaseNameBefore = -1;
    /** Adds a translated word; `next` is the token after it; `isName` when it is a name of the corpus. */
    const add = (translated: TranslatedWord, next: number, isName: boolean) => {
      out.push(translated);
      lowerCaseNameBefore = isName && !/\p{Lu}/u.test(translated.en) ? next : -1;
    };
    for (let i = 0; i < tokens.length; ) {
      const { word, start } = tokens[i]!;
      const afterLowerCaseName = lowerCaseNameBefore === i;
      if (hasArabic(word) || NUMBER.test(word)) {
        out.push({ en: word, ar: [word] });
        i++;
        continue;
      }
      // Longest phrase first; a phrase needs its words to be Latin and not to start with a stop word.
      let taken = 0;
      for (let n = Math.min(this.maxPhraseWords, tokens.length - i); n >= 2 && !taken; n--) {
        const words = tokens.slice(i, i + n).map((t) => t.word);
        if (!words.every((w) => LATIN.test(w)) || isEnglishStopWord(words[0]!.toLowerCase()) || isEnglishStopWord(words.at(-1)!.toLowerCase())) continue;
        const arabic = this.phrase(words);
        if (arabic && arabic.length > 0) {
          const translated = { en: words.join(" "), ar: arabic.slice(0, maxAlternatives) };
          add(translated, i + n, this.isCorpusName(translated));
          taken = n;
        }
      }
      if (taken) {
        i += taken;
        continue;
      }
      i++;
      // An abbreviation in capitals (US, not the pronoun us), with full stops (U.S., u.s.), or after "the" (the us).
      const bare = word.replace(/\./g, "");
      const key = bare !== word || tokens[i - 2]?.word.toLowerCase() === "the" ? bare.toUpperCase() : bare;
      const abbreviation = ABBREVIATIONS.get(key);
      if (abbreviation) {
        out.push({ en: word, ar: abbreviation });
        continue;
      }
      const lower = word.toLowerCase().replace(/['’]s$/, "");
      if (!LATIN.test(word) || isEnglishStopWord(lower) || LEFT_OUT_ALONE.has(lower) || lower.length < 2 || this.settings.moreStopWords.includes(lower))
        continue;
      // A prefix of HYPHEN_PREFIXES (pro-Hamas), unless the lexicon has the whole word: the prefix's sense, then the rest.
      const [prefix, ...rest] = word.split("-");
      const prefixKey = prefix!.toLowerCase();
      const stance = rest.length > 0 && !this.lexicon.has(lower) && HYPHEN_PREFIXES.get(prefixKey);
      if (stance) {
        out.push({ en: prefix!, ar: stance.slice(0, maxAlternatives) }, ...this.translateFrom(rest.join("-"), start + prefix!.length + 1, arabicQuestion));
        continue;
      }
      // A hyphenated word the lexicon lacks is its parts (2-point, same-sex).
      if (word.includes("-") && !this.lexicon.has(lower) && !/^(al|el)-/i.test(word)) {
        out.push(...this.translateFrom(word.replace(/-/g, " "), start, arabicQuestion));
        continue;
      }
      // Abbreviations are not transliterated (ASL is not اصل). In an English question, a word in
      // capitals that reads as one (four letters or more, two vowels or more, no Roman numeral) is a
      // word, typed with caps lock or for emphasis (HAMAS, what did PUTIN say), while IPCC, ASL and
      // XXXIII stay abbreviations; in an Arabic question, Latin capitals are an abbreviation or a
      // brand (من هو رئيس TUMAS؟), as a name there is written in Arabic or capitalized.
      const readsAsWord = !arabicQuestion && word.length > 3 && (word.match(/[AEIOU]/g)?.length ?? 0) >= 2 && !/^[IVXLCDM]+$/.test(word);
      const acronym = word.length > 1 && word === word.toUpperCase() && !readsAsWord;
      const capitalized = /^\p{Lu}/u.test(word);
      const preferred = this.preferredTranslation(lower);
      const translations = preferred ?? this.lexiconLookUp(word);
      // People type names in lower case: a lower-case word is read as a name too when the dictionary
      // spells it by its sounds (kiev → كيف, carnegie → كارنيجي), which a common word's translation
      // seldom does (till → حتى, green → الأخضر).
      const transliterated = (alternatives: readonly string[]) => alternatives.filter((alternative) => transliterates(lower, alternative));
      // A word whose translation is only stop words (because → لأن) is a stop word; capitalized or
      // transliterated, it may be a name the dictionary spells as one (Kiev → كيف, how): searched among
      // the corpus's names, and left out when none matches (Afterwards, ONCE).
      const onlyStopWords = translations?.every((alternative) => splitWords(alternative).every((w) => analyzeWord(w) === null)) ?? false;
      if (onlyStopWords && !capitalized && transliterated(translations ?? []).length === 0) continue;
      // The common words are written as texts write them: only the lexicon's imperatives are undone (احتل is no imperative).
      const known = onlyStopWords ? [] : (preferred ?? this.withoutImperatives(translations ?? []));
      const knownAbsent = () => known.length > 0 && !known.some((alternative) => this.inCorpus(alternative));
      // A capitalized word inside the question is a name even when the lexicon has it (Warsaw, Amazon).
      // A known lower-case word whose translation the corpus lacks is only matched as a name when told (price is not برئاسة).
      // So is a lower-case word the dictionary spells by its sounds (dmitry → ديميتري, the corpus's دميتري).
      const spelledBySounds = transliterated(known).length > 0 && this.soundsLikeName(lower);
      const absentMayBeName = this.settings.namesForAbsentTranslations && (capitalized || this.settings.lowerCaseAbsentAsNames || spelledBySounds);
      const absent = absentMayBeName && knownAbsent();
      // Lower case, a name the dictionary transliterates one way and the corpus writes another takes the
      // corpus's spelling (carnegie: كارنيجي, كارنيغي): Arabic to Arabic, not matched by its English letters,
      // which common words share with corpus words (gas, الغاز, is not غزة).
      const respelled = this.names && !capitalized && knownAbsent() ? transliterated(known).flatMap((alternative) => this.names!.spellings(alternative)) : [];
      // A lower-case word right after a name typed in lower case may be the name's next word (new york times:
      // تايمز, not مرات). After a capitalized name, a lower-case word is mostly not (Broncos defeated, Putin welcome).
      const nextWordOfName = afterLowerCaseName && !capitalized && this.soundsLikeName(lower);
      const maybeName = (capitalized && start > 0) || nextWordOfName;
      const nameLike = !acronym && (known.length === 0 || absent || (maybeName && this.settings.namesForKnownCapitalized));
      // A word the lexicon translates into the corpus's words is a name only on the side (German is الألماني, not كرمان).
      const knownHere = known.length > 0 && !absent;
      const minClasses = knownHere ? this.settings.knownNameMinClasses : this.settings.nameMinClasses;
      const maxDistance = knownHere ? this.settings.knownNameMaxDistance : absent ? this.settings.absentNameMaxDistance : this.settings.nameMaxDistance;
      const asName =
        this.names && nameLike
          ? this.names
              .match(lower.replace(/^(al|el)-/, ""), { minClasses, limit: this.settings.nameLimit + (this.settings.nameStopWords ? 0 : 1), maxDistance })
              // A stop word is no name (Lady is not لدي, Fog not فوق).
              .filter((candidate) => this.settings.nameStopWords || analyzeWord(candidate) !== null)
              .slice(0, this.settings.nameLimit)
          : [];
      if (onlyStopWords && asName.length === 0) continue;
      const ar = [...new Set(knownHere && this.settings.knownNamesAfter ? [...known, ...asName] : [...asName, ...respelled, ...known])].slice(
        0,
        maxAlternatives,
      );
      // A name of the corpus: matched by its sounds, first, with consonants enough to be told from a chance match.
      add({ en: word, ar }, i, asName.length > 0 && ar[0] === asName[0] && this.soundsLikeName(lower));
    }
    return out;
  }
}
