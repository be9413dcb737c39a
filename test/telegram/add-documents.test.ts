/**
 * End to end: admins add, list and remove documents from the chat, through the real bot polling
 * the Bot API emulator, which serves the files users send as Telegram does (getFile, then
 * /file/bot<token>/<path>). Two instances share one corpus and index, as behind a load balancer.
 */
import { readdir, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { followIndex } from "../../src/answer/follow-index.js";
import { createLogger } from "../../src/log/logger.js";
import { AddQueue } from "../../src/telegram/documents.js";
import { makeLongPdf } from "../bench/ingest-speed.js";
import { loadXquad } from "../bench/xquad.js";
import { emulatorForFile, messageDelivery, startTestBot } from "../helpers/bot.js";
import { openKeywordEngine, seedCopyEngine } from "../helpers/engine.js";
import { DOCUMENTS_DIR, ROOT } from "../helpers/paths.js";

const XQUAD_PDF_DIR = join(ROOT, "test/fixtures/xquad-pdf");

const { emulator, running } = await emulatorForFile();
const { deliver, newMessages } = messageDelivery(emulator, 700);
const ADMIN = 5151;
const STRANGER = 5252;
const person = (id: number, language = "ar") => ({ id, is_bot: false, first_name: `User${id}`, language_code: language });
const privateChat = (id: number) => ({ id, type: "private" });

/** The text of the last edit the bot made of its message `messageId` in `chat`, once `done` accepts it. */
function finalEdit(token: string, chat: number, messageId: number, done = (text: string) => !text.startsWith("📥") && !text.startsWith("⏳")) {
  return emulator.waitFor(() => {
    const edits = emulator.callsOf("editMessageText", token).filter((c) => c.body.chat_id === chat && c.body.message_id === messageId);
    const text = edits.at(-1)?.body.text as string | undefined;
    return text !== undefined && done(text) && text;
  }, 30_000);
}

describe("admins adding documents from the chat", async () => {
  const { dir, engine } = await seedCopyEngine();
  const adds = new AddQueue();
  const bot = await startTestBot(emulator, engine, running, { adminIds: new Set([ADMIN]), adds });
  // A second instance on the same corpus and index, following the index as `npm start` does, every
  // INDEX_REFRESH_SECONDS (5 by default).
  const other = await openKeywordEngine(join(dir, "corpus"), join(dir, "index"));
  const stopFollowing = followIndex(other, 5, createLogger({ level: "error" }));
  afterAll(stopFollowing);
  const otherBot = await startTestBot(emulator, other, running, { adminIds: new Set([ADMIN]) });

  it("reads a PDF sent with /add, reports it, and answers from it with its page, on both instances", async () => {
    const pdf = await readFile(join(DOCUMENTS_DIR, "wiki.chromium-naskh.pdf"));
    const chat = privateChat(ADMIN);
    deliver(bot.token, { chat, from: person(ADMIN), document: emulator.addFile(pdf, "روسيا وحماس.pdf"), caption: "/add" });
    const [status] = await newMessages(bot.token, ADMIN, 0);
    expect(status!.text).toContain("📥 أقرأ «روسيا وحماس.pdf»");
    const report = await finalEdit(bot.token, ADMIN, status!.messageId);
    expect(report).toMatch(/^✅ أضيفت «العلاقات بين روسيا وحماس» \(روسيا-وحماس\)\.\n2 صفحة · \d+ قسم · \d+ مقطع/);
    const ask = async (token: string, userId: number) => {
      const before = emulator.botMessages(token, userId).length;
      deliver(token, { chat: privateChat(userId), from: person(userId), text: "ماذا قال لافروف عن أهداف إسرائيل في غزة؟" });
      return (await newMessages(token, userId, before))[0]!.text;
    };
    expect(await ask(bot.token, 5301)).toMatch(/العلاقات بين روسيا وحماس › .*› ص 2/);
    // The other instance swaps to the new index when it next looks (every 5 s).
    await emulator.waitFor(() => other.documents().some((d) => d.meta.id === "روسيا-وحماس"), 10_000);
    expect(await ask(otherBot.token, 5302)).toMatch(/لافروف[\s\S]*› ص 2/);
    const names = await readdir(join(dir, "corpus"));
    expect(names).toContain("روسيا-وحماس.pdf");
    expect(await readFile(join(dir, "corpus", "روسيا-وحماس.pdf.meta"), "utf8")).toContain(`added_by: ${ADMIN}`);
  });

  it("answers from an admin's 2 MB Arabic PDF on both instances within 10 s of the report", async () => {
    // 57 pages of XQuAD's Arabic articles in print (test/fixtures/xquad-pdf), about 2 MB.
    const book = join(dir, "book.pdf");
    const articles = (await readdir(XQUAD_PDF_DIR)).filter((name) => name.endsWith(".pdf")).sort();
    await makeLongPdf(
      articles.map((name) => join(XQUAD_PDF_DIR, name)),
      57,
      book,
    );
    const bytes = await readFile(book);
    expect(bytes.length).toBeGreaterThan(1.9 * 2 ** 20);
    const before = emulator.botMessages(bot.token, ADMIN).length;
    const sentAt = Date.now();
    deliver(bot.token, { chat: privateChat(ADMIN), from: person(ADMIN, "en"), document: emulator.addFile(bytes, "xquad-book.pdf"), caption: "/add" });
    const [status] = await newMessages(bot.token, ADMIN, before);
    expect(await finalEdit(bot.token, ADMIN, status!.messageId)).toMatch(/^✅ Added “.+” \(xquad-book\)\.\n57 pages/);
    const reportedAt = Date.now();
    // The other instance takes the new index when it next looks; then a question from the book is answered from it.
    await emulator.waitFor(() => other.documents().some((d) => d.meta.id === "xquad-book"), 15_000);
    const { arabic } = await loadXquad();
    const question = arabic.find((q) => q.article === 0)!.question;
    deliver(otherBot.token, { chat: privateChat(5400), from: person(5400), text: question });
    const answer = (await newMessages(otherBot.token, 5400, 0))[0]!.text;
    const seconds = (Date.now() - reportedAt) / 1000;
    console.info(
      `2 MB PDF: report ${((reportedAt - sentAt) / 1000).toFixed(1)} s after sending; answered on the other instance ${seconds.toFixed(1)} s after the report`,
    );
    expect(answer).toMatch(/xquad-book › .*› ص \d+/);
    expect(seconds).toBeLessThan(10);
  });

  it("offers a file sent without /add, adds it with the button, and reports a duplicate", async () => {
    const docx = await readFile(join(DOCUMENTS_DIR, "news.pandoc.docx"));
    const chat = privateChat(ADMIN);
    const before = emulator.botMessages(bot.token, ADMIN).length;
    deliver(bot.token, { chat, from: person(ADMIN, "en"), document: emulator.addFile(docx, "news.docx") });
    const [offer] = await newMessages(bot.token, ADMIN, before);
    expect(offer!.text).toBe("Add this to the documents? Press the button, or reply /add to it.");
    const [button] = offer!.reply_markup!.inline_keyboard!.flat();
    await bot.press(bot.user(ADMIN), ADMIN, offer!, button!.callback_data!);
    const [status] = await newMessages(bot.token, ADMIN, before + 1);
    expect(await finalEdit(bot.token, ADMIN, status!.messageId)).toMatch(/^✅ Added “.+” \(news\)\./);
    // The same bytes again, under another name.
    deliver(bot.token, { chat, from: person(ADMIN, "en"), document: emulator.addFile(docx, "again.docx"), caption: "/add" });
    const [again] = await newMessages(bot.token, ADMIN, before + 2);
    expect(await finalEdit(bot.token, ADMIN, again!.messageId)).toMatch(/^❌ Not added: this file is already among the documents\./);
  });

  it("adds the file offered last with a following /add, sent on its own", async () => {
    const before = emulator.botMessages(bot.token, ADMIN).length;
    deliver(bot.token, {
      chat: privateChat(ADMIN),
      from: person(ADMIN, "en"),
      document: emulator.addFile(await readFile(join(DOCUMENTS_DIR, "wiki.pandoc.epub")), "book.epub"),
    });
    await newMessages(bot.token, ADMIN, before);
    deliver(bot.token, { chat: privateChat(ADMIN), from: person(ADMIN, "en"), text: "/add" });
    const [status] = await newMessages(bot.token, ADMIN, before + 1);
    expect(await finalEdit(bot.token, ADMIN, status!.messageId)).toMatch(/^✅ Added “.+” \(book\)\./);
    // Taken: another /add has nothing to add.
    deliver(bot.token, { chat: privateChat(ADMIN), from: person(ADMIN, "en"), text: "/add" });
    const [usage] = await newMessages(bot.token, ADMIN, before + 2);
    expect(usage!.text).toMatch(/^Send a file/);
  });

  it("counts anyone else's files with a question against the rate limit", async () => {
    const limited = await startTestBot(emulator, engine, running, { adminIds: new Set([ADMIN]), rateLimitPerMinute: 1 });
    for (let i = 0; i < 3; i++) {
      deliver(limited.token, {
        chat: privateChat(5600),
        from: person(5600, "en"),
        document: emulator.addFile(Buffer.from(`x${i}`), `${i}.txt`),
        caption: "/ask لافروف",
      });
    }
    // One answer, then one "slow down" (said once a minute; the third file gets nothing).
    const replies = await newMessages(limited.token, 5600, 0, 2);
    expect(replies[1]!.text).toContain("🐢");
  });

  it("refuses files it cannot read, and files Telegram will not serve, leaving the corpus as it was", async () => {
    const corpusBefore = (await readdir(join(dir, "corpus"))).sort();
    const chat = privateChat(ADMIN);
    const sendFile = async (bytes: Buffer, name: string, size?: number) => {
      const before = emulator.botMessages(bot.token, ADMIN).length;
      deliver(bot.token, { chat, from: person(ADMIN, "en"), document: emulator.addFile(bytes, name, size), caption: "/add" });
      const [status] = await newMessages(bot.token, ADMIN, before);
      return finalEdit(bot.token, ADMIN, status!.messageId);
    };
    expect(await sendFile(await readFile(join(DOCUMENTS_DIR, "scanned.pdf")), "scan.pdf")).toMatch(/^❌ Not added: a scanned PDF with no text layer/);
    expect(await sendFile(await readFile(join(DOCUMENTS_DIR, "encrypted.pdf")), "locked.pdf")).toMatch(/^❌ Not added: the file is password-protected/);
    const downloads = emulator.callsOf("file", bot.token).length;
    expect(await sendFile(Buffer.alloc(10), "huge.pdf", 25 * 2 ** 20)).toMatch(/^❌ Not added: the file is over the size limit\.\n.*20 MB/);
    expect(emulator.callsOf("file", bot.token).length).toBe(downloads);
    emulator.injectFaults("file", [{ status: 502, description: "Bad Gateway" }]);
    const pdf = await readFile(join(DOCUMENTS_DIR, "wiki.chromium-dejavu.pdf"));
    expect(await sendFile(pdf, "down.pdf")).toMatch(/^❌ Not added: the file could not be downloaded from Telegram; nothing was added\./);
    expect((await readdir(join(dir, "corpus"))).sort()).toEqual(corpusBefore);
  });

  it("lists the documents and removes one after its confirmation button", async () => {
    const chat = privateChat(ADMIN);
    let before = emulator.botMessages(bot.token, ADMIN).length;
    deliver(bot.token, { chat, from: person(ADMIN, "en"), text: "/documents" });
    const [list] = await newMessages(bot.token, ADMIN, before);
    expect(list!.text).toMatch(/^📚 Documents \(6\)/);
    expect(list!.text).toMatch(/• news — .+ \(\d+ KB · \d{4}-\d\d-\d\d\)/);
    expect(list!.text).toContain("• wiki-russia-hamas — العلاقات بين روسيا وحماس");
    before += 1;
    deliver(bot.token, { chat, from: person(ADMIN, "en"), text: "/remove news" });
    const [confirm] = await newMessages(bot.token, ADMIN, before);
    expect(confirm!.text).toMatch(/^Remove “.+” \(news\) from the documents\?$/);
    deliver(bot.token, { chat, from: person(ADMIN, "en"), text: "/remove no-such-thing" });
    const [unknown] = await newMessages(bot.token, ADMIN, before + 1);
    expect(unknown!.text).toMatch(/^❌ Not removed: no document has that id/);
    const [button] = confirm!.reply_markup!.inline_keyboard!.flat();
    const edit = await bot.pressForEdit(bot.user(ADMIN), ADMIN, confirm!, button!.callback_data!);
    expect(edit.text).toMatch(/^🗑 Removed “.+”; the index is rebuilt\.$/);
    expect(engine.documents().map((d) => d.meta.id)).not.toContain("news");
    expect(await readdir(join(dir, "corpus"))).not.toContain("news.docx");
    // The same button again: its index version is gone.
    const pressesBefore = emulator.callsOf("answerCallbackQuery", bot.token).length;
    await bot.press(bot.user(ADMIN), ADMIN, confirm!, button!.callback_data!);
    const answered = await emulator.waitFor(() => emulator.callsOf("answerCallbackQuery", bot.token)[pressesBefore]);
    expect(String(answered.body.text)).toMatch(/expired/);
  });

  it("tells anyone else that only admins add documents, and refuses them the admin commands", async () => {
    const chat = privateChat(STRANGER);
    deliver(bot.token, { chat, from: person(STRANGER, "en"), document: emulator.addFile(Buffer.from("نص"), "mine.txt") });
    const [polite] = await newMessages(bot.token, STRANGER, 0);
    expect(polite!.text).toBe("Thanks! Only the bot's administrators can add documents. You can still ask me about the documents I have.");
    for (const [i, text] of ["/add https://example.org/a.pdf", "/remove wiki-russia-hamas", "/documents"].entries()) {
      deliver(bot.token, { chat, from: person(STRANGER, "en"), text });
      const [refusal] = await newMessages(bot.token, STRANGER, 1 + i);
      expect(refusal!.text).toContain("This command is for the bot's administrators only.");
    }
    expect(engine.documents().map((d) => d.meta.id)).toContain("wiki-russia-hamas");
    // In a group, a file is chatter unless an admin addresses the bot: nothing is said.
    deliver(bot.token, { chat: { id: -5400, type: "group", title: "g" }, from: person(STRANGER), document: emulator.addFile(Buffer.from("x"), "x.pdf") });
    deliver(bot.token, { chat: privateChat(STRANGER), from: person(STRANGER), text: "/help" });
    // The /help reply comes after the group's update was handled (or left alone).
    await newMessages(bot.token, STRANGER, 4);
    expect(emulator.botMessages(bot.token, -5400)).toEqual([]);
  });

  // Redirects to private addresses are refused hop by hop: test/corpus/fetch-link.test.ts.
  it("adds a page from a link, refusing private addresses", async () => {
    const page = await readFile(join(DOCUMENTS_DIR, "news.site.html"));
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // This instance refuses private addresses, as every deployment does by default.
    const add = async (text: string) => {
      const before = emulator.botMessages(bot.token, ADMIN).length;
      deliver(bot.token, { chat: privateChat(ADMIN), from: person(ADMIN, "en"), text });
      const [status] = await newMessages(bot.token, ADMIN, before);
      return finalEdit(bot.token, ADMIN, status!.messageId);
    };
    expect(await add(`/add ${base}/article`)).toMatch(/^❌ Not added: the link points to an internal or private address\./);
    expect(await add("/add http://169.254.169.254/latest/meta-data/")).toMatch(/private address/);
    expect(await add("/add http://[::1]/")).toMatch(/private address/);
    // One that allows them (ALLOW_PRIVATE_URLS=on: an intranet's bot) reads the page.
    const intranet = await startTestBot(emulator, engine, running, { adminIds: new Set([ADMIN]), allowPrivateUrls: true });
    const intranetAdd = async (text: string) => {
      const before = emulator.botMessages(intranet.token, ADMIN).length;
      deliver(intranet.token, { chat: privateChat(ADMIN), from: person(ADMIN, "en"), text });
      const [status] = await newMessages(intranet.token, ADMIN, before);
      return finalEdit(intranet.token, ADMIN, status!.messageId);
    };
    expect(await intranetAdd(`/add ${base}/article`)).toMatch(/^✅ Added “.+”/);
    const added = engine.documents().find((d) => d.meta.sourceUrl === `${base}/article`);
    expect(added?.meta.url).toMatch(/^https?:\/\//);
    await adds.idle();
    server.close();
  });
});
