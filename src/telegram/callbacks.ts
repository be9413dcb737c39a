/**
 * Button payloads. They are self-contained (no server-side state), so any instance behind a load
 * balancer can serve a button press. Each carries the index version it was made for: a section
 * button names a passage by its position, which means nothing in another version. Paging buttons of an
 * example question's answer carry the example's number; other answers are read back from the
 * question the answer replies to. Telegram allows 64 bytes.
 */
import type { Action } from "../conversation/reply.js";

export type ButtonAction = Action;

export const MAX_CALLBACK_BYTES = 64;

/** The button data of `action`; throws past Telegram's 64 bytes. */
export function encodeAction(action: Action): string {
  const example = (action.kind === "page" || action.kind === "section") && action.example !== undefined ? `:e${action.example}` : "";
  const data =
    action.kind === "page"
      ? `p:${action.offset}:${action.version}${example}`
      : action.kind === "section"
        ? `s:${action.position}:${action.version}${example}`
        : action.kind === "add"
          ? "a"
          : action.kind === "remove"
            ? `r:${action.position}:${action.version}`
            : `e:${action.example}`;
  if (Buffer.byteLength(data) > MAX_CALLBACK_BYTES) throw new Error(`callback data over ${MAX_CALLBACK_BYTES} bytes: ${data}`);
  return data;
}

/** The action of a button's data, or undefined for data this bot never made. */
export function decodeAction(data: string): Action | undefined {
  if (data === "a") return { kind: "add" };
  const removal = /^r:(\d{1,6}):([0-9a-f]{1,16})$/.exec(data);
  if (removal) return { kind: "remove", position: Number(removal[1]), version: removal[2]! };
  const match = /^([pse]):(\d{1,6})(?::([0-9a-f]{1,16})(?::e(\d{1,3}))?)?$/.exec(data);
  if (!match) return undefined;
  const [, kind, number, version, example] = match;
  if (kind === "e") return example === undefined ? { kind: "example", example: Number(number) } : undefined;
  if (!version) return undefined;
  const from = example === undefined ? {} : { example: Number(example) };
  return kind === "p" ? { kind: "page", offset: Number(number), version, ...from } : { kind: "section", position: Number(number), version, ...from };
}
