/**
 * A question carried by a /start parameter, as the "open the bot" button of inline mode sends it.
 * Telegram allows 1 to 64 characters of A–Z, a–z, 0–9, "_" and "-": 6 bits each. The question's
 * UTF-8 in base64 spends 16 bits on an Arabic letter, which leaves room for some 23 of them; so a
 * question is written instead with a small alphabet of the characters questions are made of, one
 * alphabet for Arabic and one for English, each character a digit in that alphabet's base (about
 * 5.4 bits), and the whole question one number written in base 64. That carries Arabic and
 * English questions of about 65 characters. Any other character costs a marker and its code point;
 * "q" and base64 (the first form of these links, still read) is used when that is shorter, and a
 * question too long for every form opens the bot at its welcome instead.
 *
 * The parameter is the question itself: no state is kept, so any instance answers it, after any
 * restart. It comes from whoever made the link, so what it decodes to is only ever a question,
 * cleaned as any echo of a user's text is.
 */
import { echoable } from "../conversation/rich.js";
import { normalizeText } from "../text/normalize.js";

const MAX_START_PARAMETER = 64;
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const CODE_POINTS = 0x110000n;

/**
 * The alphabets, by the letter that starts a parameter written with them. Arabic: its letters,
 * hamza forms, tā' marbūṭa and alif maqṣūra, and the punctuation of questions; digits are rare in
 * the seed questions (test/fixtures/seed-questions.json) and cost more on every other character
 * than they save. English: lower-case letters, digits and punctuation; a capital is a shift marker
 * and its letter.
 */
const ALPHABETS: Record<string, readonly string[]> = {
  a: [..." ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى؟،?"],
  e: [..." abcdefghijklmnopqrstuvwxyz0123456789?',.-"],
};

/** The question in `alphabet`, as the parameter's digits: its characters as one number, the first the least significant. */
function encodeIn(question: string, alphabet: readonly string[]): string {
  const escapeDigit = BigInt(alphabet.length);
  const shiftDigit = escapeDigit + 1n;
  const radix = escapeDigit + 2n;
  const digits: [bigint, bigint][] = [];
  for (const character of question) {
    const index = alphabet.indexOf(character);
    const lower = character.toLowerCase();
    if (index >= 0) digits.push([BigInt(index), radix]);
    else if (lower !== character && lower.toUpperCase() === character && alphabet.includes(lower))
      digits.push([shiftDigit, radix], [BigInt(alphabet.indexOf(lower)), radix]);
    else digits.push([escapeDigit, radix], [BigInt(character.codePointAt(0)!), CODE_POINTS]);
  }
  // A 1 above the last character keeps the count: a question ending in spaces (digit 0) would lose them.
  let number = 1n;
  for (const [digit, base] of digits.reverse()) number = number * base + digit;
  let written = "";
  for (; number > 0n; number /= 64n) written = BASE64URL[Number(number % 64n)] + written;
  return written;
}

/** The question `written` in `alphabet` holds, or undefined when it holds none (a forged or damaged link). */
function decodeIn(written: string, alphabet: readonly string[]): string | undefined {
  const escapeDigit = BigInt(alphabet.length);
  const shiftDigit = escapeDigit + 1n;
  const radix = escapeDigit + 2n;
  let number = 0n;
  for (const character of written) number = number * 64n + BigInt(BASE64URL.indexOf(character));
  let question = "";
  while (number > 1n) {
    const digit = number % radix;
    number /= radix;
    if (digit === escapeDigit) {
      const codePoint = Number(number % CODE_POINTS);
      number /= CODE_POINTS;
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) return undefined;
      question += String.fromCodePoint(codePoint);
    } else if (digit === shiftDigit) {
      const letter = alphabet[Number(number % radix)];
      number /= radix;
      if (letter === undefined) return undefined;
      question += letter.toUpperCase();
    } else question += alphabet[Number(digit)];
  }
  return number === 1n ? question : undefined;
}

/** The /start parameter that asks `question`, or one that opens the welcome when it does not fit. */
export function startParameterOf(asked: string): string {
  // Read as the bot reads questions: presentation forms pasted from a PDF are letters, and fit.
  const question = normalizeText(asked);
  const forms = [
    `q${Buffer.from(question, "utf8").toString("base64url")}`,
    ...Object.entries(ALPHABETS).map(([id, alphabet]) => id + encodeIn(question, alphabet)),
  ];
  const shortest = forms.reduce((a, b) => (b.length < a.length ? b : a));
  return shortest.length <= MAX_START_PARAMETER ? shortest : "welcome";
}

/** The question a /start parameter asks, or undefined when it asks none. */
export function questionOfStartParameter(parameter: string): string | undefined {
  const match = /^([a-z])([A-Za-z0-9_-]+)$/.exec(parameter);
  if (!match || parameter.length > MAX_START_PARAMETER) return undefined;
  const [, form, written] = match as unknown as [string, string, string];
  const question =
    form === "q" ? Buffer.from(written, "base64url").toString("utf8") : Object.hasOwn(ALPHABETS, form) ? decodeIn(written, ALPHABETS[form]!) : undefined;
  // Whoever made the link chose the text: it is read as a typed question would be shown, and a
  // question of nothing visible (only controls or direction marks) is no question.
  return question === undefined ? undefined : echoable(question) || undefined;
}
