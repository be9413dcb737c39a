import { describe, expect, it } from "vitest";
import { baseForms, isEnglishStopWord } from "../../src/bridge/english-words.js";
import { Lexicon } from "../../src/bridge/lexicon.js";
import { buildNameIndex } from "../../src/bridge/names.js";
import { QueryTranslator } from "../../src/bridge/translate.js";
import { PREFERRED_TRANSLATIONS } from "../../src/bridge/translation-tables.js";
import { BRIDGE } from "../../src/config/tuning.js";
import { analyzeWord, splitWords } from "../../src/text/analyzer.js";

/** A small lexicon in the committed file's shape: base forms only, so inflections must be found. */
const lexicon = Lexicon.fromEntries([
  ["host", [["المضيف"]]],
  ["delegation", [["الوفد"]]],
  ["kill", [["القتل"]]],
  ["city", [["المدينة"]]],
  ["attack", [["الهجوم"], ["الاعتداء"]]],
  ["united", [["متحد"]]],
  ["general", [["عام"]]],
  ["warsaw", [["وارشو"]]],
]);
const names = buildNameIndex(["استضاف بوتين خالد مشعل في موسكو", "مدينة وارسو", "حركة حماس في غزة"]);
/** The small lexicon alone, without the common-word list (tested on its own below). */
const translator = new QueryTranslator(lexicon, names, { ...BRIDGE.translation, preferredTranslations: false });
const arabicOf = (question: string) => Object.fromEntries(translator.translate(question).map((w) => [w.en, w.ar]));

describe("English inflections", () => {
  it("finds the base form of a plural, a past tense, a gerund, a possessive", () => {
    expect(baseForms("delegations")).toContain("delegation");
    expect(baseForms("killed")).toContain("kill");
    expect(baseForms("hosting")).toContain("host");
    expect(baseForms("cities")).toContain("city");
    expect(baseForms("planned")[0]).toBe("plan");
    expect(baseForms("russia's")[0]).toBe("russia");
  });

  it("looks the word up first, then its base forms", () => {
    expect(translator.lookUp("hosting")).toEqual(["المضيف"]);
    expect(translator.lookUp("Delegations")).toEqual(["الوفد"]);
    expect(translator.lookUp("killed")).toEqual(["القتل"]);
    expect(translator.lookUp("cities")).toEqual(["المدينة"]);
    expect(translator.lookUp("zzzz")).toBeUndefined();
  });

  it("takes the first sense unless told to take more", () => {
    expect(translator.lookUp("attack")).toEqual(["الهجوم"]);
    expect(translator.withSettings({ senses: 2 }).lookUp("attack")).toEqual(["الهجوم", "الاعتداء"]);
  });
});

describe("QueryTranslator", () => {
  it("searches a capitalized word the dictionary spells as a stop word as a name, and drops a lower-case one", () => {
    const spelled = new QueryTranslator(
      Lexicon.fromEntries([
        ["kiev", [["كيف"]]],
        ["because", [["لأن"]]],
      ]),
      buildNameIndex(["وصل الوفد إلى كييف"]),
      { ...BRIDGE.translation, preferredTranslations: false },
    );
    const translation = spelled.translate("Who went to Kiev because of the war?");
    expect(translation.find((w) => w.en === "Kiev")?.ar).toEqual(["كييف"]);
    expect(translation.some((w) => w.en === "because")).toBe(false);
    // First in the question, or the whole question, it is still a name.
    expect(spelled.translate("Kiev")).toEqual([{ en: "Kiev", ar: ["كييف"] }]);
    // Capitalized with no name to match (Title Case, capitals), it is the stop word it was.
    expect(spelled.translate("Who Went To The City Because Of The War?").some((w) => w.en === "Because")).toBe(false);
    expect(spelled.translate("WHO WENT BECAUSE OF THE WAR?").some((w) => w.en === "BECAUSE")).toBe(false);
  });

  it("drops stop words and question words, translates the rest, matches names in the corpus", () => {
    const translation = translator.translate("When did Putin host Khaled Meshaal in Moscow?");
    expect(translation).toEqual([
      { en: "Putin", ar: ["بوتين"] },
      { en: "host", ar: ["المضيف"] },
      { en: "Khaled", ar: ["خالد"] },
      { en: "Meshaal", ar: ["مشعل"] },
      { en: "Moscow", ar: ["موسكو"] },
    ]);
    expect(isEnglishStopWord("when")).toBe(true);
  });

  it("takes set phrases before single words", () => {
    expect(arabicOf("What did the United Nations General Assembly vote?")).toMatchObject({
      "United Nations": ["الأمم المتحدة"],
      "General Assembly": ["الجمعية العامة"],
    });
  });

  it("passes numbers, and the Arabic words of a mixed question, as they are", () => {
    expect(translator.translate("What happened on October 7, 2004 in غزة?").filter((w) => /\d|\p{Script=Arabic}/u.test(w.en))).toEqual([
      { en: "7", ar: ["7"] },
      { en: "2004", ar: ["2004"] },
      { en: "غزة", ar: ["غزة"] },
    ]);
    expect(translator.translate("متى زار Meshaal موسكو")).toEqual([
      { en: "متى", ar: ["متى"] },
      { en: "زار", ar: ["زار"] },
      { en: "Meshaal", ar: ["مشعل"] },
      { en: "موسكو", ar: ["موسكو"] },
    ]);
  });

  it("adds the corpus's spelling of a capitalized word the lexicon has", () => {
    expect(arabicOf("Who bombed Warsaw?").Warsaw).toEqual(["وارسو", "وارشو"]);
  });

  it("keeps a word it cannot translate, with no Arabic, and does not transliterate abbreviations", () => {
    expect(arabicOf("What is the GDP of Hamas?")).toEqual({ GDP: [], Hamas: ["حماس"] });
    expect(arabicOf("Did the US host them?").US).toContain("الولايات المتحدة");
  });

  it("reads a name in capitals as the name, in a question typed in capitals or among other words, but not an abbreviation or a Roman numeral", () => {
    expect(arabicOf("WHEN DID PUTIN HOST MESHAAL?")).toMatchObject({ PUTIN: ["بوتين"], MESHAAL: ["مشعل"] });
    expect(arabicOf("HAMAS")).toEqual({ HAMAS: ["حماس"] });
    expect(arabicOf("DID THE IPCC MEET HAMAS AT SUPER BOWL XXXIII?")).toMatchObject({ IPCC: [], HAMAS: ["حماس"], XXXIII: [] });
    // Typed in capitals for emphasis among lower-case or capitalized words: the same name.
    for (const question of ["Who met PUTIN?", "PUTIN hamas", "what did PUTIN say", "Khaled MESHAAL", "ＰＵＴＩＮ ｈａｍａｓ"]) {
      const [name] = translator.translate(question).filter((w) => /^[A-Z]+$/.test(w.en));
      expect(name?.ar, question).toEqual(arabicOf(name!.en[0] + name!.en.slice(1).toLowerCase())[name!.en[0] + name!.en.slice(1).toLowerCase()]);
    }
    expect(arabicOf("Who met GDP and IPCC?")).toMatchObject({ GDP: [], IPCC: [] });
    // In an Arabic question, Latin capitals are an abbreviation or a brand.
    expect(arabicOf("من التقى PUTIN")).toMatchObject({ PUTIN: [] });
  });

  it('reads U.S., u.s. and "the us" as the abbreviation, and a lone us as the pronoun', () => {
    for (const question of ["Did the U.S. host them?", "did the u.s. host them", "the us and hamas", "Did the US host them?"]) {
      expect(
        translator.translate(question).some((w) => w.ar.includes("الولايات المتحدة")),
        question,
      ).toBe(true);
    }
    expect(translator.translate("tell us about hamas").some((w) => w.ar.includes("الولايات المتحدة"))).toBe(false);
  });
});

describe("common question words", () => {
  const withCommon = new QueryTranslator(
    Lexicon.fromEntries([
      ["take", [["الوارد"]]],
      ["created", [["مخلوق"]]],
      ["nationality", [["الجنسية"]]],
      ["host", [["المضيف"]]],
      ["pro", [["المحترف"]]],
      ["pro life", [["مؤيد للحياة"]]],
      ["two party", [["حزبين"]]],
      ["gaza", [["قطاع غزة"]]],
    ]),
    names,
  );

  it("come before the lexicon's rare first senses, for the word and its inflections", () => {
    expect(withCommon.lookUp("take")?.[0]).toBe("أخذ");
    expect(withCommon.lookUp("created")?.[0]).toBe("أنشأ");
    expect(withCommon.lookUp("hosting")).toContain("استضاف");
    expect(withCommon.lookUp("located")).toContain("يقع");
    expect(withCommon.lookUp("founded")?.[0]).toBe("تأسس");
    // Senses FreeDict lacks: crypto as money (its crypto is سري, secret), voting (its vote is الصوت, sound).
    expect(withCommon.lookUp("crypto")).toContain("مشفرة");
    expect(withCommon.lookUp("exchange")).toContain("بورصة");
    expect(withCommon.lookUp("voted")).toContain("صوتت");
    expect(withCommon.translate("What is the exchange rate?").find((w) => w.en === "exchange rate")?.ar).toEqual(["سعر الصرف"]);
  });

  it("give pro- before a hyphen its sense of support, not the dictionary's professional", () => {
    const translation = withCommon.translate("Did Russian media push pro-Hamas content?");
    expect(translation.find((w) => w.en === "pro")?.ar).toContain("دعم");
    expect(translation.map((w) => w.en)).toContain("Hamas");
    expect(withCommon.translate("ARE THEY PRO-HAMAS?").find((w) => w.en === "PRO")?.ar).toContain("دعم");
    expect(withCommon.translate("Who turned pro?").find((w) => w.en === "pro")?.ar).toEqual(["المحترف"]);
    // The lexicon's own hyphenated headword comes first.
    expect(withCommon.translate("Is he pro-life?").find((w) => w.en === "pro-life")?.ar).toEqual(["مؤيد للحياة"]);
  });

  it("read a word after pro- as inside the question, where a known capitalized word is matched as a name too", () => {
    const gaza = (question: string) => withCommon.translate(question).find((w) => w.en === "Gaza")?.ar;
    expect(gaza("Are they pro-Gaza?")).toEqual(gaza("Are they for Gaza?"));
    expect(gaza("Are they for Gaza?")).toEqual(["غزه", "قطاع غزة"]); // the corpus's spelling (normalized), then the lexicon's
  });

  it("look up only their own tables' keys, whatever the question's words (constructor, toString)", () => {
    expect(() => withCommon.translate("What is a constructor? Is toString-based code pro-Hamas?")).not.toThrow();
    expect(withCommon.translate("constructor-free toString").every((w) => Array.isArray(w.ar))).toBe(true);
  });

  it("are not reached through the loose Porter stem (nationality is not nation)", () => {
    expect(withCommon.lookUp("nationality")).toEqual(["الجنسية"]);
    expect(withCommon.lookUp("nationalities")).toEqual(["الجنسية"]);
  });

  it("include set phrases of several words and number words with their digits", () => {
    const translation = withCommon.translate("Where did the final take place three years ago?");
    expect(translation.find((w) => w.en === "take place")?.ar).toContain("جرى");
    expect(translation.find((w) => w.en === "three")?.ar).toContain("3");
  });

  it("leave out two, which Arabic writes as the dual of its noun (two teams: فريقين), but not from a phrase", () => {
    expect(withCommon.translate("Which two teams played?").map((w) => w.en)).toEqual(["teams", "played"]);
    expect(withCommon.translate("Does Russia back the two party system?").map((w) => w.en)).toContain("two party");
  });

  it("give news senses of words FreeDict gives another (flood: طوفان as in «طوفان الأقصى»; brigades: كتائب)", () => {
    expect(withCommon.translate("Al-Aqsa Flood").find((w) => w.en === "Flood")?.ar).toContain("طوفان");
    expect(withCommon.translate("qassam brigades").find((w) => w.en === "brigades")?.ar).toContain("كتائب");
  });

  it("leave out phrasal particles (brought back, ran out)", () => {
    expect(withCommon.translate("What ran out and was brought up?").map((w) => w.en)).toEqual(["ran", "brought"]);
  });

  it("can be turned off, for measuring", () => {
    expect(withCommon.withSettings({ preferredTranslations: false }).lookUp("take")).toEqual(["الوارد"]);
  });
});

describe("the common-word list", () => {
  it("gives a searchable sense to common words the committed lexicon translates only as stop words", () => {
    const committed = new QueryTranslator(Lexicon.load());
    const searchable = (alternatives: string[] = []) => alternatives.some((a) => splitWords(a).some((w) => analyzeWord(w) !== null));
    // FreeDict's eat is the imperative كل, also the stop word كل (all); adapt is كيف (how).
    expect(searchable(committed.withSettings({ preferredTranslations: false }).lookUp("eat"))).toBe(false);
    for (const word of ["eat", "ate", "fled", "adapt", "adjusted", "authorized", "actual", "orphaned"])
      expect(searchable(committed.lookUp(word)), word).toBe(true);
    // An inflected form with a lexicon entry of its own (visited → مزار, a shrine) takes its base form's common sense.
    expect(committed.withSettings({ preferredTranslations: false }).lookUp("visited")).toEqual(["مزار"]);
    expect(committed.lookUp("visited")).toContain("زار");
  });

  it("has no stop word for a key and no alternative that searches nothing (such as قبل or بعد)", () => {
    for (const [english, alternatives] of PREFERRED_TRANSLATIONS) {
      expect(english.includes(" ") || !isEnglishStopWord(english), english).toBe(true);
      for (const alternative of alternatives)
        expect(
          splitWords(alternative).some((w) => analyzeWord(w) !== null),
          `${english} → ${alternative}`,
        ).toBe(true);
    }
  });
});

describe("imperatives the lexicon gives for verbs", () => {
  const verbs = Lexicon.fromEntries([
    ["write", [["اكتب"]]],
    ["occupy", [["احتل"]]],
    ["capture", [["اسر"]]],
  ]);
  const corpus = buildNameIndex(["كتب المؤرخ أن الجيش احتل المدينة وأسر قائدها"]);
  const lexiconOnly = new QueryTranslator(verbs, corpus, { ...BRIDGE.translation, preferredTranslations: false });

  it("stand for their past when the corpus has it as a word (اكتب → كتب), not when it has none (احتل is no imperative)", () => {
    expect(lexiconOnly.translate("What did he write?")[0]!.ar).toEqual(["اكتب", "كتب"]);
    expect(lexiconOnly.translate("What did they occupy?")[0]!.ar).toEqual(["احتل"]);
  });

  it("are not looked for in the common words, which are written as texts write them", () => {
    const withCommon = new QueryTranslator(verbs, corpus);
    const capture = withCommon.translate("Who did they capture?")[0]!.ar;
    expect(capture).toContain("احتل");
    expect(capture).not.toContain("حتل");
    // A two-letter common entry (solve → حل) is not taken for a hollow imperative, though the corpus has حول.
    const solveLexicon = Lexicon.fromEntries([["solve", [["حل"]]]]);
    const aroundCorpus = buildNameIndex(["دار الحديث حول الأزمة"]);
    expect(
      new QueryTranslator(solveLexicon, aroundCorpus, { ...BRIDGE.translation, preferredTranslations: false }).translate("How to solve it?")[0]!.ar,
    ).toContain("حول");
    expect(new QueryTranslator(solveLexicon, aroundCorpus).translate("How to solve it?")[0]!.ar).not.toContain("حول");
  });
});

describe("words whose translation the corpus lacks", () => {
  const small = Lexicon.fromEntries([
    ["tariff", [["التعريفة"]]],
    ["warsaw", [["وارشو"]]],
    ["python", [["البيثون"]]],
  ]);
  const corpus = buildNameIndex(["على طرف المدينة في وارسو", "استقبل بوتين الوفد"]);
  const translator = new QueryTranslator(small, corpus);

  it("are matched as names when capitalized (Warsaw → وارسو), not when lower case (tariff is not طرف)", () => {
    expect(translator.translate("When did the tariff rise?").find((w) => w.en === "tariff")?.ar).toEqual(["التعريفة"]);
    expect(translator.translate("What happened in Warsaw?").find((w) => w.en === "Warsaw")?.ar).toContain("وارسو");
    expect(translator.withSettings({ lowerCaseAbsentAsNames: true, absentNameMaxDistance: 0.34 }).translate("When did the tariff rise?")[0]!.ar).toContain(
      "طرف",
    );
  });

  it("are matched only to a close spelling: the dictionary knows them, so they are no loose guesses (Python is not بوتين)", () => {
    const python = (t: QueryTranslator) => t.translate("How do I learn Python programming?").find((w) => w.en === "Python")?.ar;
    // Python and Putin share the skeleton B-T-N; their vowels differ in two places.
    expect(python(translator)).toEqual(["البيثون"]);
    expect(python(translator.withSettings({ absentNameMaxDistance: 0.34 }))).toContain("بوتين");
    expect(translator.translate("Who bombed Warsaw?").find((w) => w.en === "Warsaw")?.ar).toContain("وارسو");
  });
});

describe("names typed in lower case", () => {
  // The committed lexicon: some names are dictionary words (kiev → كيف, a stop word), others it lacks (gaza, haniyeh).
  const committed = Lexicon.load();
  const corpus = buildNameIndex([
    "قال لافروف إن الحرب في غزة مأساة، والتقى خالد مشعل وإسماعيل هنية في الدوحة",
    "وصل الوفد إلى كييف، وتحدث عن المسجد الأقصى وجمهورية الشيشان والجماعات الشيشانية",
    "على طول الطريق حول المدينة قرن من الزمن، شكرا",
    "تحليل نشرته مؤسسة كارنيغي، وقال سيرغي لافروف",
  ]);
  const translator = new QueryTranslator(committed, corpus);
  const arabicOf = (question: string, word: string) => translator.translate(question).find((w) => w.en.toLowerCase() === word)?.ar;
  const capitalized = (word: string) => word.replace(/(^|-)\p{Ll}/gu, (letter) => letter.toUpperCase());

  // Short names (two consonant classes: G-Z, H-N, K-F, K-S, D-H, S-N), longer ones, a name the dictionary
  // spells as a stop word (kiev), names it spells otherwise than the corpus (carnegie: كارنيجي, sergei: سيرجي).
  for (const [name, spelling] of [
    ["gaza", "غزه"],
    ["haniyeh", "هنيه"],
    ["kiev", "كييف"],
    ["kyiv", "كييف"],
    ["aqsa", "اقصي"],
    ["al-aqsa", "اقصي"],
    ["doha", "دوحه"],
    ["chechnya", "شيشانيه"],
    ["lavrov", "لافروف"],
    ["meshaal", "مشعل"],
    ["carnegie", "كارنيغي"],
    ["sergei", "سيرغي"],
  ] as const) {
    it(`finds ${name} in the corpus as it finds ${capitalized(name)}`, () => {
      const lower = arabicOf(`what did lavrov say about ${name}?`, name);
      expect(lower).toContain(spelling);
      expect(lower).toEqual(arabicOf(`What did Lavrov say about ${capitalized(name)}?`, name));
      // Alone, or first in the question, too.
      expect(arabicOf(name, name)).toContain(spelling);
    });
  }

  it("reads al or el written apart from a name as its article, not as a word (al aqsa is al-aqsa, not Alabama)", () => {
    for (const [question, name, spelling] of [
      ["al aqsa", "aqsa", "اقصي"],
      ["what happened at Al Aqsa", "aqsa", "اقصي"],
      ["el gaza war", "gaza", "غزه"],
      ["al  kyiv", "kyiv", "كييف"],
    ] as const) {
      const translation = translator.translate(question);
      expect(translation.find((w) => w.en.toLowerCase() === name)?.ar, question).toContain(spelling);
      expect(
        translation.some((w) => /^(al|el)$/i.test(w.en)),
        question,
      ).toBe(false);
    }
  });

  it("reads a lower-case word the dictionary spells by its sounds as a name, and finds the corpus's spelling (dmitry: دميتري)", () => {
    const withDmitry = new QueryTranslator(committed, buildNameIndex(["التقى الرئيس الروسي دميتري ميدفيديف بمشعل"]));
    for (const name of ["dmitry", "dmitri", "Dmitry"]) {
      expect(withDmitry.translate(`${name} medvedev`)[0]!.ar, name).toContain("دميتري");
    }
  });

  it("reads the next word of a name typed in lower case as part of it (new york times: تايمز, not only مرات)", () => {
    const withTimes = new QueryTranslator(committed, buildNameIndex(["وفقا لصحيفة نيويورك تايمز نشرت وسائل الإعلام مرة أخرى"]));
    for (const question of ["new york times", "New York Times", "what did the new york times say"]) {
      expect(withTimes.translate(question).find((w) => /^times$/i.test(w.en))?.ar, question).toContain("تايمز");
    }
    // After a name typed capitalized, a lower-case word is the word (Broncos defeated, Putin welcome); nor after a loanword (gas).
    expect(withTimes.translate("New York times").find((w) => w.en === "times")?.ar).not.toContain("تايمز");
  });

  it("does not read lower-case function words the dictionary translates as stop words as names (till is not طول, whole not حول)", () => {
    for (const word of ["till", "whole", "because", "shalt", "thither", "nope"]) {
      expect(translator.translate(`what happened ${word} the war`).some((w) => w.en === word)).toBe(false);
    }
  });

  it("does not match lower-case dictionary words to corpus words of the same sound (green is not قرن, sugar, السكر, not شكر)", () => {
    const dictionaryOnly = new QueryTranslator(committed);
    for (const word of ["green", "trick", "giant", "price", "tariff", "sugar", "gas"]) {
      const question = `what about the ${word}`;
      expect(arabicOf(question, word)).toEqual(dictionaryOnly.translate(question).find((w) => w.en === word)?.ar);
    }
  });
});
