/**
 * Scenario 6: malformed, oversized and unauthenticated requests to the webhook. Each must get a
 * 4xx (never a 5xx, never a hang), and the bot must answer a good update sent right after it.
 */
import { cp } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { CORPUS_DIR, scratchDir } from "../helpers/paths.js";
import { openTestEngine, SECRET_HEADER, startWebhookBot } from "./adapter.js";
import { recordRow } from "./collector.js";
import { faultScene, postWebhook, textUpdate } from "./harness.js";

const SCENARIO = "6. malformed webhook bodies";
const MB = 1024 * 1024;

interface BadRequest {
  name: string;
  body: string;
  method?: string;
  /** Send the right secret (default), a wrong one, or none. */
  secret?: "right" | "wrong" | "none";
  contentType?: string;
}

const hugeUpdate = JSON.stringify(textUpdate(16_999, "خالد مشعل ".repeat((2 * MB) / 18)));
const BAD: BadRequest[] = [
  { name: "invalid JSON: {", body: "{" },
  { name: "invalid JSON: cut short", body: '{"update_id": 5, "message": {"text": "x"' },
  { name: "invalid JSON: plain text", body: "hello there" },
  { name: "invalid JSON: single quotes", body: "{'update_id': 1}" },
  { name: "invalid JSON: NUL bytes", body: "\u0000\u0000\u0000" },
  { name: "invalid UTF-8", body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString("latin1") },
  { name: "empty body", body: "" },
  { name: "JSON array", body: "[]" },
  { name: "JSON null", body: "null" },
  { name: "JSON number", body: "42" },
  { name: "JSON string", body: '"update"' },
  { name: "2 MB valid update", body: hugeUpdate },
  { name: "2 MB of garbage", body: "x".repeat(2 * MB) },
  { name: "wrong secret", body: JSON.stringify(textUpdate(16_998, "خالد مشعل")), secret: "wrong" },
  { name: "no secret", body: JSON.stringify(textUpdate(16_997, "خالد مشعل")), secret: "none" },
  { name: "GET", body: "", method: "GET" },
  { name: "PUT", body: JSON.stringify(textUpdate(16_996, "خالد مشعل")), method: "PUT" },
  { name: "DELETE", body: "", method: "DELETE" },
  { name: "wrong content type", body: "update_id=1", contentType: "application/x-www-form-urlencoded" },
];

const { emulator, watch, bots } = await faultScene();

it("refuses bad requests with a 4xx and keeps answering", async () => {
  const dir = await scratchDir();
  await cp(CORPUS_DIR, join(dir, "corpus"), { recursive: true });
  const token = "1406:WEBHOOK-bodies-token-xxxxxxxxxxxxxx";
  const bot = await startWebhookBot({
    engine: await openTestEngine(join(dir, "corpus"), join(dir, "index")),
    token,
    apiRoot: emulator.apiRoot,
    log: watch.log,
  });
  bots.push(bot);
  let crashes = 0;
  let lost = 0;
  const breaches: string[] = [];
  const statuses: number[] = [];
  for (const [i, bad] of BAD.entries()) {
    const errorsBefore = watch.errors().length;
    const secret: Record<string, string> =
      bad.secret === "wrong" ? { [SECRET_HEADER]: "wrong-secret-0000000000000" } : bad.secret === "none" ? {} : { [SECRET_HEADER]: bot.secret! };
    let status: number;
    try {
      ({ status } = await postWebhook(bot.url!, bad.body, { ...secret, ...(bad.contentType ? { "content-type": bad.contentType } : {}) }, bad.method));
    } catch (error) {
      status = 0;
      watch.note("no-response", `${bad.name}: no HTTP response (${(error as Error).message})`);
    }
    statuses.push(status);
    if (status >= 500 || status === 0 || watch.errors().length > errorsBefore) {
      crashes++;
      watch.note(
        `5xx:${bad.name}`,
        `${bad.name}: HTTP ${status}${watch.errors().length > errorsBefore ? `, logged "${String(watch.errors(errorsBefore)[0]!.message)}"` : ""}`,
      );
    } else if (status < 400) {
      breaches.push(`${bad.name}: HTTP ${status}, not 4xx`);
    }
    // The next good update is answered.
    const user = 16_000 + i;
    const good = await postWebhook(bot.url!, JSON.stringify(textUpdate(user, "خالد مشعل")), { [SECRET_HEADER]: bot.secret! });
    if (good.status !== 200 || !emulator.callsOf("sendMessage", token).some((c) => Number(c.body.chat_id) === user)) {
      lost++;
      watch.note(
        "lost",
        `after ${bad.name}: a good update got HTTP ${good.status} and ` +
          `${emulator.callsOf("sendMessage", token).some((c) => Number(c.body.chat_id) === user) ? "an answer" : "no answer"}`,
      );
    }
  }
  // Updates without the right secret must not have been answered.
  for (const user of [16_997, 16_998]) {
    if (emulator.callsOf("sendMessage", token).some((c) => Number(c.body.chat_id) === user))
      breaches.push(`an update without the right secret (user ${user}) was answered`);
  }
  const byStatus = new Map<number, number>();
  for (const status of statuses) byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  const row = {
    scenario: SCENARIO,
    cases: BAD.length,
    crashes: crashes + watch.unhandled.length,
    rejectedReplies: watch.rejectedReplies(emulator, [token]),
    lostQuestions: lost,
    wrongExpired: 0,
    breaches,
    notes: `HTTP statuses: ${[...byStatus].map(([status, n]) => `${status}×${n}`).join(", ")}`,
    findings: watch.findings,
  };
  recordRow(row);
  expect({ crashes: row.crashes, rejected: row.rejectedReplies, lost, breaches }).toEqual({ crashes: 0, rejected: 0, lost: 0, breaches: [] });
});
