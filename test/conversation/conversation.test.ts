import { describe, expect, it } from "vitest";
import { Conversation } from "../../src/conversation/conversation.js";
import { PLAIN, renderTerminal } from "../../src/conversation/terminal.js";
import { TEXTS } from "../../src/conversation/texts.js";
import { seedCopyEngine } from "../helpers/engine.js";

describe("the conversation", async () => {
  const { engine } = await seedCopyEngine();
  const conversation = new Conversation(engine, { pageSize: 3, examples: [], help: { groups: false, quit: true } });

  it("answers a message asking for help with the front end's help, not with passages", async () => {
    for (const message of ["help", "مساعدة"]) {
      const { reply } = await conversation.answer(message);
      expect(renderTerminal(reply, PLAIN), message).toBe(renderTerminal(conversation.help(), PLAIN));
      expect(renderTerminal(reply, PLAIN)).toContain(TEXTS.helpQuit.en);
    }
  });
});
