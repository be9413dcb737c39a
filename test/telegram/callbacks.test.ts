import { describe, expect, it } from "vitest";
import type { Action } from "../../src/conversation/reply.js";
import { decodeAction, encodeAction, MAX_CALLBACK_BYTES } from "../../src/telegram/callbacks.js";

describe("callback data", () => {
  it("round-trips every action within 64 bytes, an example's number included", () => {
    const actions: Action[] = [
      { kind: "page", offset: 999999, version: "0123abcd" },
      { kind: "page", offset: 999999, version: "0123456789abcdef", example: 999 },
      { kind: "section", position: 123456, version: "ffffffff" },
      { kind: "section", position: 123456, version: "0123456789abcdef", example: 7 },
      { kind: "example", example: 4 },
    ];
    for (const action of actions) {
      const data = encodeAction(action);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(MAX_CALLBACK_BYTES);
      expect(decodeAction(data)).toEqual(action);
    }
  });

  it("rejects data it did not make", () => {
    for (const data of ["", "p:1", "x:1:ab", "p:-1:ab", "s:1:XYZ", "e:1:ab:cd", "p:1:ab:e", "p:1:ab:e1234", "e:1:ab:e2"]) {
      expect(decodeAction(data)).toBeUndefined();
    }
  });
});
