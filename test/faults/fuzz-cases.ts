/**
 * Hostile inputs, generated from a seeded PRNG: question texts of every kind issue 14 lists
 * (broken UTF-16, control and invisible characters, markup, huge and empty texts, emoji, mixed
 * scripts, unknown commands) and button presses with forged, stale and overlong data. Each case
 * says whether the bot owes a reply, so a missing one counts as a lost question.
 */
import { Random } from "./random.js";

export type ChatKind = "private" | "group";

export interface MessageCase {
  type: "message";
  kind: string;
  text: string;
  chat: ChatKind;
  /** Whether the bot must answer it (a group message not addressed to the bot owes nothing). */
  owesReply: boolean;
  /** Mention the bot at the start (groups), or reply to one of its messages. */
  address?: "mention" | "reply";
}

export interface CallbackCase {
  type: "callback";
  kind: string;
  data: string;
  /** The text of the message the button sits under (undefined: a message Telegram no longer has). */
  messageText?: string;
  /** The question message the button's message replied to. */
  question?: string;
  chat: ChatKind;
  /** Whether the data is a current, well-formed button, so "expired" would be wrong. */
  genuine: boolean;
}

export interface InlineCase {
  type: "inline";
  kind: string;
  query: string;
}

export type FuzzCase = MessageCase | CallbackCase | InlineCase;

const QUESTIONS = [
  "هل صنفت روسيا حماس منظمة إرهابية؟",
  "متى زار خالد مشعل موسكو؟",
  "ماذا قال لافروف عن أهداف إسرائيل في غزة",
  "بورصة عملات مشفرة",
  "روسيا حماس",
  "How did Russia react to the October 7 attack?",
  "Hamas delegation Moscow",
  "ماذا يرصد المرصد الفلكي في الصحراء؟",
  "الأقمار الصناعية والمذنبات",
];
const ARABIC_WORDS = ["روسيا", "حماس", "موسكو", "خالد", "مشعل", "لافروف", "غزة", "الكرملين", "إسرائيل", "وفد", "زيارة", "منظمة", "إرهابية", "الحرب"];
const LATIN_WORDS = ["Russia", "Hamas", "Moscow", "visit", "the", "Kremlin", "war", "ceasefire", "delegation", "2023", "October"];
const EMOJI = ["😀", "🇵🇸", "👨‍👩‍👧‍👦", "🔎", "❤️", "🤷🏽‍♀️", "🧪", "🐢", "𝕏", "𠜎"];
const INVISIBLE = [
  "\u200b",
  "\u200c",
  "\u200d",
  "\u200e",
  "\u200f",
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u00ad",
  "\ufeff",
  "\u0640",
  "\u061c",
];
// biome-ignore format: the list reads best on a few lines
const CONTROLS = ["\u0000", "\u0001", "\u0007", "\u0008", "\u000b", "\u000c", "\u001b", "\u001f", "\u007f", "\u0085", "\r", "\t"];
const MARKUP = [
  "<b>خالد</b> مشعل",
  "<script>alert(1)</script> روسيا",
  "</i>موسكو<i>",
  "&amp; &lt; &gt; &quot; &#0; &#xD800; &nbsp;",
  '<a href="javascript:alert(1)">x</a> حماس',
  "*روسيا* _حماس_ `موسكو` ~x~ ||spoiler|| [link](http://x)",
  "```\ncode\n``` حماس",
  "<tg-spoiler>روسيا</tg-spoiler>",
  "<<<>>>&&&",
  "<blockquote>روسيا</blockquote>",
  "\\*escaped\\* \\_x\\_",
  "<b><i>unclosed روسيا",
  "&#128512; &#x1F600;",
];
const COMMANDS = [
  "/frobnicate",
  "/frobnicate@TestNameBot now",
  "/frobnicate@OtherBot",
  "/start",
  "/help",
  "/sources",
  "/status",
  "/ask",
  "/ask روسيا حماس",
  "/reindex",
  "/START",
  "/ask@TestNameBot خالد مشعل",
  `/${"x".repeat(40)}`,
  `/ask ${"خ".repeat(5000)}`,
];

function words(random: Random, list: readonly string[], count: number): string {
  return Array.from({ length: count }, () => random.pick(list)).join(" ");
}

function loneSurrogate(random: Random): string {
  return String.fromCharCode(random.chance(0.5) ? 0xd800 + random.int(0x400) : 0xdc00 + random.int(0x400));
}

/** Inserts `piece` into `text` at a random code unit (possibly inside a surrogate pair). */
function insert(random: Random, text: string, piece: string): string {
  const at = random.int(text.length + 1);
  return text.slice(0, at) + piece + text.slice(at);
}

/** A text whose 300-unit cut falls inside (or just around) a surrogate pair. */
function pairAtCut(random: Random): string {
  const before = 297 + random.int(5);
  const filler = words(random, ARABIC_WORDS, 80).slice(0, before).padEnd(before, "ا");
  return filler + words(random, EMOJI, 5 + random.int(20)).replace(/ /g, "");
}

/** One question text of `kind`. */
function questionText(random: Random, kind: string): string {
  const base = random.pick(QUESTIONS);
  switch (kind) {
    case "plain":
      return base;
    case "lone-surrogate":
      return Array.from({ length: 1 + random.int(3) }, () => 0).reduce((t) => insert(random, t, loneSurrogate(random)), base);
    case "split-pair":
      // A pair cut by slicing an emoji-rich text at a random unit.
      return `${`${base}${words(random, EMOJI, 8)}`.slice(0, base.length + 1 + random.int(15))}${random.chance(0.5) ? "" : base}`;
    case "pair-at-300":
      return pairAtCut(random);
    case "control":
      return Array.from({ length: 1 + random.int(4) }, () => 0).reduce((t) => insert(random, t, random.pick(CONTROLS)), base);
    case "nul-only":
      return "\u0000".repeat(1 + random.int(5));
    case "invisible":
      return Array.from({ length: 1 + random.int(6) }, () => 0).reduce((t) => insert(random, t, random.pick(INVISIBLE)), base);
    case "markup":
      return `${random.pick(MARKUP)} ${random.chance(0.5) ? base : ""}`.trim();
    case "long-5k":
      return words(random, random.chance(0.5) ? ARABIC_WORDS : [...ARABIC_WORDS, ...EMOJI, ...LATIN_WORDS], 900).slice(0, 4097 + random.int(2000));
    case "huge-100k":
      return words(random, ARABIC_WORDS, 20_000).slice(0, 100_000 + random.int(1000));
    case "huge-1mb":
      return `${words(random, ARABIC_WORDS, 200)} `.repeat(1100).slice(0, 1_048_577 + random.int(1000));
    case "empty":
      return random.pick(["", " ", "\n\n", "\u200b", "\u00a0", "\u3000", "\t \n"]);
    case "emoji-only":
      return words(random, EMOJI, 1 + random.int(30)).replace(/ /g, random.chance(0.5) ? "" : " ");
    case "mixed-script":
      return Array.from({ length: 3 + random.int(10) }, () => (random.chance(0.5) ? random.pick(ARABIC_WORDS) : random.pick(LATIN_WORDS))).join(
        random.chance(0.3) ? "" : " ",
      );
    case "command":
      return random.pick(COMMANDS);
    case "command-junk":
      return (
        `/${random.pick(["ask", "start", "x"])}${random.pick(["", "@TestNameBot", "@testnamebot"])} ` +
        `${questionText(random, random.pick(["lone-surrogate", "control", "markup", "invisible"]))}`
      );
    default:
      throw new Error(`unknown kind ${kind}`);
  }
}

const MESSAGE_KINDS: [string, number][] = [
  ["plain", 6],
  ["lone-surrogate", 10],
  ["split-pair", 8],
  ["pair-at-300", 10],
  ["control", 10],
  ["nul-only", 2],
  ["invisible", 10],
  ["markup", 10],
  ["long-5k", 5],
  ["huge-100k", 0.6],
  ["huge-1mb", 0.12],
  ["empty", 3],
  ["emoji-only", 4],
  ["mixed-script", 6],
  ["command", 6],
  ["command-junk", 4],
];

function weighted(random: Random, table: [string, number][]): string {
  let roll = random.next() * table.reduce((s, [, w]) => s + w, 0);
  for (const [kind, weight] of table) {
    roll -= weight;
    if (roll < 0) return kind;
  }
  return table[0]![0];
}

/** What a command text owes: bare commands in groups and other bots' commands get no reply. */
function commandOwesReply(text: string, chat: ChatKind): boolean {
  const target = /^\/[^\s@]*(?:@(\S+))?/.exec(text)?.[1];
  if (target && target.toLowerCase() !== "testnamebot") return false;
  return chat === "private" || !!target;
}

function messageCase(random: Random, version: string): MessageCase {
  const kind = weighted(random, MESSAGE_KINDS);
  const text = questionText(random, kind);
  const chat: ChatKind = random.chance(0.3) ? "group" : "private";
  if (text.startsWith("/")) return { type: "message", kind, text, chat, owesReply: commandOwesReply(text, chat) };
  if (chat === "private") return { type: "message", kind, text, chat, owesReply: true };
  const address = random.pick(["mention", "reply", "none"] as const);
  void version;
  return address === "none" ? { type: "message", kind, text, chat, owesReply: false } : { type: "message", kind, text, chat, owesReply: true, address };
}

function callbackCase(random: Random, version: string): CallbackCase {
  const chat: ChatKind = random.chance(0.3) ? "group" : "private";
  const question = random.pick(QUESTIONS);
  const echo = `🔎 ${question}`;
  const roll = random.int(12);
  const hex = () => Array.from({ length: 8 }, () => "0123456789abcdef"[random.int(16)]).join("");
  switch (roll) {
    case 0:
      return {
        type: "callback",
        kind: "genuine page",
        data: `p:${3 * (1 + random.int(2))}:${version}`,
        messageText: `${echo}\n…`,
        question,
        chat,
        genuine: true,
      };
    case 1:
      return { type: "callback", kind: "genuine section", data: `s:${random.int(18)}:${version}`, messageText: `${echo}\n…`, question, chat, genuine: true };
    case 2:
      return { type: "callback", kind: "genuine example", data: `e:${random.int(2)}`, messageText: "Welcome", chat, genuine: true };
    case 3:
      return {
        type: "callback",
        kind: "stale version",
        data: `${random.pick(["p", "s"])}:${random.int(20)}:${hex()}`,
        messageText: `${echo}\n…`,
        question,
        chat,
        genuine: false,
      };
    case 4:
      return {
        type: "callback",
        kind: "out of range",
        data: `${random.pick(["p", "s", "e"])}:${random.pick([999999, 18, 99, 4096])}:${version}`,
        messageText: `${echo}\n…`,
        question,
        chat,
        genuine: false,
      };
    case 5:
      return {
        type: "callback",
        kind: "overlong",
        data: `p:3:${version}${"x".repeat(60 + random.int(200))}`,
        messageText: `${echo}\n…`,
        question,
        chat,
        genuine: false,
      };
    case 6:
      return {
        type: "callback",
        kind: "forged bytes",
        data: questionText(random, random.pick(["lone-surrogate", "control", "markup", "emoji-only", "empty"])),
        messageText: echo,
        question,
        chat,
        genuine: false,
      };
    case 7:
      return { type: "callback", kind: "no message", data: `p:3:${version}`, chat, genuine: false };
    case 8:
      return {
        type: "callback",
        kind: "hostile message text",
        data: `p:3:${version}`,
        messageText: `🔎 ${questionText(random, random.pick(["lone-surrogate", "pair-at-300", "control", "markup", "long-5k"]))}`,
        question,
        chat,
        genuine: false,
      };
    case 9:
      return {
        type: "callback",
        kind: "negative or float",
        data: random.pick(["p:-3:", "p:3.5:", "s:1e3:", "p::", ":::", "p:03:"]) + version,
        messageText: `${echo}\n…`,
        question,
        chat,
        genuine: false,
      };
    case 10:
      return { type: "callback", kind: "huge data", data: "p:".repeat(50_000), messageText: echo, question, chat, genuine: false };
    default:
      return { type: "callback", kind: "text not a question", data: `p:3:${version}`, messageText: questionText(random, "mixed-script"), chat, genuine: false };
  }
}

function inlineCase(random: Random): InlineCase {
  const kind = weighted(
    random,
    MESSAGE_KINDS.filter(([k]) => !k.startsWith("huge") && k !== "command"),
  );
  return { type: "inline", kind, query: questionText(random, kind).slice(0, 256 + random.int(600)) };
}

/** `count` cases from `seed`: about 70% messages, 20% button presses, 10% inline queries. */
export function fuzzCases(seed: number, count: number, version: string): FuzzCase[] {
  const random = new Random(seed);
  const cases: FuzzCase[] = [];
  // Every kind at least once, then the rest at random.
  for (const [kind] of MESSAGE_KINDS)
    for (const chat of ["private", "group"] as const)
      cases.push({
        type: "message",
        kind,
        text: questionText(random, kind),
        chat,
        owesReply: chat === "private",
        address: chat === "group" ? "mention" : undefined,
      });
  for (const c of cases) if (c.type === "message" && c.text.startsWith("/")) c.owesReply = commandOwesReply(c.text, c.chat);
  while (cases.length < count) {
    const roll = random.next();
    cases.push(roll < 0.7 ? messageCase(random, version) : roll < 0.9 ? callbackCase(random, version) : inlineCase(random));
  }
  return cases;
}
