import { describe, expect, it } from "vitest";
import { arabicShape, buildNameIndex, englishShape, NameIndex, skeletonOf, transliterates } from "../../src/bridge/names.js";

const corpus = [
  "استضاف الرئيس الروسي فلاديمير بوتين خالد مشعل في موسكو.",
  "قال وزير الخارجية سيرغي لافروف إن حماس تحكم قطاع غزة.",
  "وحماس ليست جماعة إرهابية بحسب بوغدانوف، وزار وفد برئاسة موسى أبو مرزوق موسكو.",
];
const index = buildNameIndex(corpus);

describe("name index", () => {
  it("reduces English and Arabic to the same consonant skeleton", () => {
    expect(skeletonOf(englishShape("Putin"))).toBe(skeletonOf(arabicShape("بوتين")));
    expect(skeletonOf(englishShape("Meshaal"))).toBe("MSL");
    expect(skeletonOf(arabicShape("مشعل"))).toBe("MSL");
    expect(skeletonOf(englishShape("Haniyeh"))).toBe(skeletonOf(arabicShape("هنية")));
  });

  it("matches names to the corpus's spelling", () => {
    expect(index.match("Putin")).toEqual(["بوتين"]);
    expect(index.match("Meshaal")).toEqual(["مشعل"]);
    expect(index.match("Gaza")).toEqual(["غزه"]);
    expect(index.match("Hamas")[0]).toBe("حماس");
    expect(index.match("Lavrov")).toEqual(["لافروف"]);
    expect(index.match("Moscow")).toEqual(["موسكو"]);
    expect(index.match("Bogdanov")).toEqual(["بوغدانوف"]);
    expect(index.match("Marzouk")).toEqual(["مرزوق"]);
  });

  it("takes a final -eh or -ah for the ة the Arabic shape leaves out, so the name beats a commoner word of its skeleton", () => {
    // «هنأوا» (they congratulated) has Haniyeh's skeleton too, and is the commoner word here.
    const congratulated = buildNameIndex(["هنأوا الحركة.", "هنأوا الرئيس.", "التقى إسماعيل هنية الوفد."]);
    expect(congratulated.match("Haniyeh", { limit: 1 })).toEqual(["هنيه"]);
  });

  it("takes a final -ya for يا or for the ية whose ة the shape leaves out (haniya, haniyya: هنية; kenya: كينيا)", () => {
    const congratulated = buildNameIndex(["هنأوا الحركة.", "هنأوا الرئيس.", "التقى إسماعيل هنية الوفد.", "سافر إلى كينيا ثم سوريا."]);
    for (const name of ["haniya", "Haniya", "haniyya", "haniyeh", "haniyah"]) expect(congratulated.match(name, { limit: 1 }), name).toEqual(["هنيه"]);
    expect(congratulated.match("kenya", { limit: 1 })).toEqual(["كينيا"]);
    expect(congratulated.match("syria", { limit: 1 })).toEqual(["سوريا"]);
  });

  it("tells d from t (Biden is not بوتين), but reads ض and ذ as either (Ramadan, Anatolia)", () => {
    expect(index.match("Biden")).toEqual([]);
    const places = buildNameIndex(["صام الناس رمضان في الأناضول وأبو ظبي."]);
    expect(places.match("Ramadan")).toEqual(["رمضان"]);
    expect(places.match("Anatolia")).toEqual(["اناضول"]);
  });

  it("finds nothing for a name the corpus lacks, or a skeleton too short", () => {
    expect(index.match("Obama")).toEqual([]);
    expect(index.match("Merkel")).toEqual([]);
    expect(index.match("Abu")).toEqual([]);
  });

  it("is stored as JSON and restored with the same matches", () => {
    const restored = NameIndex.fromJSON(JSON.stringify(index));
    expect(restored.size).toBe(index.size);
    expect(restored.match("Lavrov")).toEqual(["لافروف"]);
    expect(() => NameIndex.fromJSON("{}")).toThrow(/not a name index/);
  });
});

describe("transliterations and other spellings", () => {
  it("tells a name the dictionary writes by its sounds from a common word's translation", () => {
    expect(transliterates("kiev", "كيف")).toBe(true);
    expect(transliterates("kremlin", "الكرملين")).toBe(true);
    expect(transliterates("till", "حتى")).toBe(false);
    expect(transliterates("whole", "كل")).toBe(false);
    expect(transliterates("thither", "إلى هناك")).toBe(false);
  });

  it("finds the corpus's spelling of a transliterated word by the letters of one foreign sound only", () => {
    const index = buildNameIndex(["مؤسسة كارنيغي", "قال سيرغي", "شكرا لكم", "شكر الوفد"]);
    expect(index.spellings("كارنيجي")).toEqual(["كارنيغي"]);
    expect(index.spellings("سيرجي")).toEqual(["سيرغي"]);
    expect(index.spellings("السكر")).toEqual([]); // ش and س tell words apart
    expect(index.spellings("كارنيغي")).toEqual([]); // the corpus's own spelling is no other one
  });
});
