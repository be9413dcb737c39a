/** The terminal chat (`npm start` without a token): commands as Telegram reads them, and each answer after its question. */
import { spawn, spawnSync } from "node:child_process";
import { cp, readFile } from "node:fs/promises";
import { join } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, ROOT, scratchDir } from "../helpers/paths.js";

const dir = await scratchDir();
await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
const { scripts } = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
const START = scripts.start;
const env = { ...process.env, CORPUS_DIR: join(dir, "corpus"), INDEX_DIR: join(dir, "index"), EMBEDDINGS: "off", BOT_TOKEN: "", WEBHOOK_URL: "" };

/** The chat's transcript of `input`, piped. */
function piped(input: string): string {
  const [command, ...args] = START.split(/\s+/) as [string, ...string[]];
  const result = spawnSync(command, args, { cwd: ROOT, input, encoding: "utf8", env });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** Where each of `marks` first appears in `text` after the one before; -1 once one is missing. */
function positionsInOrder(text: string, marks: string[]): number[] {
  let from = 0;
  return marks.map((mark) => {
    const at = from < 0 ? -1 : text.indexOf(mark, from);
    from = at < 0 ? -1 : at + mark.length;
    return at;
  });
}

// A question and what only its reply says, per line: commands' replies are fixed, a question's answer is a cited passage.
const CONVERSATION: [string, string][] = [
  ["متى زار خالد مشعل موسكو؟", "[1] "],
  ["/Sources", "Sources (2)"],
  ["/STATUS", "Documents: 2"],
  ["/Help@AnyBot extra words", "How to use me"],
];

describe("the terminal chat", () => {
  it("reads commands whatever their case, with arguments and an addressee, as Telegram does", () => {
    const out = piped("/SOURCES\n/Status\n/HELP@SomeBot please\n/Ask\n/frobnicate\n/quit\n");
    for (const text of ["Sources (2)", "Documents: 2", "/quit leaves", "/ask متى"]) expect(out).toContain(text);
    expect(out.match(/I don't know that command/g)).toHaveLength(1);
    // /QUIT leaves too: nothing after it is answered.
    expect(piped("/QUIT\n/sources\n")).not.toContain("Sources (2)");
  });

  it("reads a command behind direction marks or invisible characters, with a fullwidth slash, or an empty bot name", () => {
    const lines = ["\u200f/help", "\u200e/sources", "\u200b\u061c/status", "／help", "／ｓｏｕｒｃｅｓ", "/sources@", "/help@OtherBot"];
    const out = piped(`${lines.join("\n")}\n`);
    expect(out.match(/\/quit leaves/g)).toHaveLength(1 + 3); // the greeting's help, then three /help
    expect(out.match(/Sources \(2\)/g)).toHaveLength(3);
    expect(out).toContain("Documents: 2");
    expect(out).not.toMatch(/\[1\] /); // nothing was searched as a question
  });

  it("prints a piped question back without bidi overrides, format or control characters", () => {
    const out = piped("\u202eمتى زار خالد مشعل موسكو؟\u202c\u2067\u{E0041}\n");
    expect(out).toContain("? متى زار خالد مشعل موسكو؟\n");
    expect(out).not.toMatch(/[\p{Cf}\u2028\u2029]/u);
  });

  it("prints each piped question before its own answer", () => {
    const out = piped(`${CONVERSATION.map(([line]) => line).join("\n")}\n`);
    expect(
      positionsInOrder(
        out,
        CONVERSATION.flatMap(([line, reply]) => [`? ${line}`, reply]),
      ),
    ).not.toContain(-1);
  });

  it("answers a paste into a real terminal in order, each answer after its question", async (context) => {
    if (spawnSync("script", ["--version"]).status !== 0) return context.skip("script (util-linux) is not installed");
    // script runs the chat on a pseudo-terminal and passes our input to it as typed keys.
    const child = spawn("script", ["-qfec", START, "/dev/null"], { cwd: ROOT, env: { ...env, TERM: "xterm" } });
    let screen = "";
    child.stdout.on("data", (d) => (screen += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const waitFor = async (test: () => boolean, what: string) => {
      for (const deadline = Date.now() + 60_000; !test(); ) {
        if (Date.now() > deadline) throw new Error(`no ${what} in: ${screen}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      // The prompt comes once the chat reads the terminal key by key (before that, the terminal echoes by itself).
      const plain = () => stripVTControlCharacters(screen).replace(/\r/g, "");
      await waitFor(() => /\? $/.test(plain()), "prompt");
      child.stdin.write(`${CONVERSATION.map(([line]) => line).join("\r")}\r`);
      const marks = CONVERSATION.flatMap(([line, reply]) => [`? ${line}`, reply]);
      await waitFor(() => !positionsInOrder(plain(), marks).includes(-1), "question → answer order");
      child.stdin.write("/quit\r");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
