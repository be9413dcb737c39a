/**
 * Scenario 5: every index file truncated, emptied, garbled in place (same size) or deleted, and
 * the whole index folder deleted: each time the bot must start and answer from the corpus.
 */
import { cp, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";
import { openTestEngine, startPollingBot, visibleText } from "./adapter.js";
import { recordRow } from "./collector.js";
import { faultScene, textUpdate, until } from "./harness.js";
import { Random } from "./random.js";

const SCENARIO = "5. corrupt and missing index";
const QUESTION = "متى زار خالد مشعل موسكو؟";

type Damage = { name: string; apply: (file: string) => Promise<void> };
const random = new Random(5);
const DAMAGES: Damage[] = [
  { name: "truncated to half", apply: async (file) => truncate(file, Math.floor((await readFile(file)).length / 2)) },
  { name: "emptied", apply: (file) => truncate(file, 0) },
  {
    name: "garbled in place",
    apply: async (file) => {
      const bytes = await readFile(file);
      const at = Math.floor(bytes.length / 2);
      for (let i = at; i < Math.min(bytes.length, at + 64); i++) bytes[i] = 0x41 + random.int(26);
      await writeFile(file, bytes);
    },
  },
  { name: "deleted", apply: (file) => rm(file) },
];

const { emulator, watch, bots } = await faultScene();

it("starts and answers over every damaged or missing index", async () => {
  const dir = await scratchDir();
  const corpus = join(dir, "corpus");
  await cp(CORPUS_DIR, corpus, { recursive: true });
  const good = join(dir, "good-index");
  await openTestEngine(corpus, good);
  const files = (await readdir(good)).filter((f) => !f.includes(".tmp"));
  const cases: { name: string; damage: (index: string) => Promise<void> }[] = [
    ...files.flatMap((file) => DAMAGES.map((d) => ({ name: `${file} ${d.name}`, damage: (index: string) => d.apply(join(index, file)) }))),
    { name: "index folder deleted", damage: (index: string) => rm(index, { recursive: true }) },
  ];
  let crashes = 0;
  let lost = 0;
  const tokens: string[] = [];
  for (const [i, c] of cases.entries()) {
    const index = join(dir, `index-${i}`);
    await cp(good, index, { recursive: true });
    await c.damage(index);
    const token = `15${String(i).padStart(2, "0")}:CORRUPT-index-token-xxxxxxxxxxxxxxx`;
    tokens.push(token);
    try {
      bots.push(await startPollingBot({ engine: await openTestEngine(corpus, index), token, apiRoot: emulator.apiRoot, log: watch.log }));
    } catch (error) {
      crashes++;
      watch.note("start", `${c.name}: the bot did not start: ${(error as Error).message}`);
      continue;
    }
    const user = 15_000 + i;
    emulator.pushUpdate(token, textUpdate(user, QUESTION));
    const replied = await until(() => emulator.botMessages(token, user).length > 0, 10_000);
    const reply = emulator.botMessages(token, user)[0];
    const answerBody = reply ? visibleText(reply).split("\n").slice(1).join("\n") : "";
    if (!replied || !answerBody.includes("مشعل")) {
      lost++;
      watch.note("lost", `${c.name}: ${replied ? `the reply holds no answer: ${answerBody.slice(0, 120)}` : "no reply"}`);
    }
  }
  const row = {
    scenario: SCENARIO,
    cases: cases.length,
    crashes: crashes + watch.crashes(),
    rejectedReplies: watch.rejectedReplies(emulator, tokens),
    lostQuestions: lost,
    wrongExpired: 0,
    notes: `files: ${files.join(", ")}`,
    findings: watch.findings,
  };
  recordRow(row);
  expect({ crashes: row.crashes, rejected: row.rejectedReplies, lost }).toEqual({ crashes: 0, rejected: 0, lost: 0 });
});
