/**
 * Which answer replied to which question, per chat, so that an edited question edits its answer.
 * Kept in this process's memory and bounded: past ANSWERS_REMEMBERED the oldest are forgotten.
 * After a restart, on another instance, or for a question answered long ago, an edit is answered
 * anew, as a reply to the edited message.
 */

/** About 100 bytes an entry: a few megabytes at most, and days of questions for a busy bot. */
export const ANSWERS_REMEMBERED = 20_000;

export class AnsweredQuestions {
  /** Answer message ids by "chat:question message id", oldest first (a Map keeps insertion order). */
  private readonly answers = new Map<string, number>();

  constructor(private readonly capacity = ANSWERS_REMEMBERED) {}

  /** Remembers that message `answer` in `chat` answers message `question`. */
  remember(chat: number, question: number, answer: number): void {
    const key = `${chat}:${question}`;
    this.answers.delete(key);
    this.answers.set(key, answer);
    if (this.answers.size > this.capacity) this.answers.delete(this.answers.keys().next().value!);
  }

  /** The message that answers message `question` in `chat`, if this process remembers one. */
  answerTo(chat: number, question: number): number | undefined {
    return this.answers.get(`${chat}:${question}`);
  }
}
