import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanArabicSense, LEXICON_FILE, Lexicon } from "../../src/bridge/lexicon.js";
import { englishToArabic } from "../generators/build-lexicon.js";
import { decodeDictdNumber, parseDictdEntry, readDictd, readDictdInfo } from "../generators/dictd.js";
import { ROOT } from "../helpers/paths.js";

/** A few real entries of FreeDict eng-ara 0.6.3, as a dictd pair (index + dict.dz). */
const SAMPLE = join(ROOT, "test/fixtures/freedict-sample");
const indexText = readFileSync(join(SAMPLE, "freedict-eng-ara.index"), "utf8");
const dictDz = readFileSync(join(SAMPLE, "freedict-eng-ara.dict.dz"));

describe("dictd reader", () => {
  it("decodes dictd's base64 numbers", () => {
    expect(decodeDictdNumber("A")).toBe(0);
    expect(decodeDictdNumber("Bp")).toBe(64 + 41);
    expect(() => decodeDictdNumber("a!")).toThrow(/base64/);
  });

  const entries = readDictd(indexText, dictDz);
  const entry = (headword: string) => entries.find((e) => e.headword === headword);

  it("strips the pronunciation from the headword line and skips the metadata entries", () => {
    expect(entry("Host")).toEqual({ headword: "Host", senses: ["المضيّف"] });
    expect(entries.some((e) => e.headword.startsWith("00"))).toBe(false);
    expect(entries).toHaveLength(15);
  });

  it("splits numbered senses, in order", () => {
    expect(entry("Aback")!.senses).toEqual(["إلى الخلف", "إلى الوراء"]);
    expect(entry("Absentmindedness")!.senses).toEqual(["الشّرود", "الذهول (السهو)", "العقل"]);
  });

  it("keeps phrases as headwords", () => {
    expect(entry("Addis Ababa")!.senses).toEqual(["أديس أبابا - عاصمة أثيوبيا"]);
  });

  it("joins a sense wrapped onto the next line", () => {
    expect(parseDictdEntry("Acetal /x/\nالأسيتال - أيّ مركّب (عضويّ\nتشكّل بإضافة)").senses).toEqual(["الأسيتال - أيّ مركّب (عضويّ تشكّل بإضافة)"]);
  });

  it("reads the dictionary's own description (edition and license)", () => {
    const info = readDictdInfo(indexText, dictDz);
    expect(info).toMatch(/Edition: 0\.6\.3/);
    expect(info).toMatch(/GNU General Public License ver\. 2\.0/);
  });

  it("says which index line is malformed", () => {
    expect(() => readDictd("host\tmk\n", dictDz)).toThrow(/line 1 does not have 3/);
    expect(() => readDictd("host\t////\tA\n", dictDz)).toThrow(/past the end/);
  });
});

describe("lexicon", () => {
  it("cleans senses: notes after a dash and in parentheses, diacritics and shadda, comma alternatives", () => {
    expect(cleanArabicSense("أذن البحر - حيوان بحري")).toEqual(["أذن البحر"]);
    expect(cleanArabicSense("الذهول (السهو)")).toEqual(["الذهول"]);
    expect(cleanArabicSense("حمّض، يحمّض")).toEqual(["حمض", "يحمض"]);
    expect(cleanArabicSense("هرمون Adrenocorticotropic (محفّز للغدة")).toEqual(["هرمون"]);
    expect(cleanArabicSense("الوضوء - كما الضوء إستعداداً للصلاة لدى")).toEqual(["الوضوء"]);
    expect(cleanArabicSense("Latin only")).toEqual([]);
  });

  it("is built from the dictd entries: lower-case headwords, cleaned senses, phrases", () => {
    const lexicon = Lexicon.fromEntries(englishToArabic(readDictd(indexText, dictDz)));
    expect(lexicon.senses("Host")).toEqual([["المضيف"]]);
    expect(lexicon.senses("aback")).toEqual([["إلى الخلف"], ["إلى الوراء"]]);
    expect(lexicon.senses("Addis Ababa")).toEqual([["أديس أبابا"]]);
    expect(lexicon.senses("absentmindedness")).toEqual([["الشرود"], ["الذهول"], ["العقل"]]);
    expect(lexicon.maxPhraseWords).toBe(2);
    expect(lexicon.senses("hamas")).toBeUndefined();
  });

  it("rejects a file that is not sorted or has a line without senses", () => {
    expect(() => Lexicon.parse("b\tب\na\tا\n")).toThrow(/not sorted/);
    expect(() => Lexicon.parse("a\n")).toThrow(/no senses/);
  });

  it("the committed lexicon loads quickly and has the words questions use", () => {
    const started = performance.now();
    const lexicon = Lexicon.load();
    const ms = performance.now() - started;
    expect(lexicon.size).toBeGreaterThan(80_000);
    // 200 ms is the budget; a loaded test machine gets slack.
    expect(ms).toBeLessThan(1000);
    expect(lexicon.senses("delegation")).toEqual([["الوفد"]]);
    expect(lexicon.senses("weapons")?.flat()).toContain("الأسلحة");
    expect(readFileSync(LEXICON_FILE, "utf8").length).toBeLessThan(4_000_000);
    expect(readFileSync(join(ROOT, "src/bridge/lexicon/COPYING"), "utf8")).toMatch(/GNU GENERAL PUBLIC LICENSE\s+Version 2/);
  });
});
