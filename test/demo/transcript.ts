/** Formatting for the demo's transcript: story headers, what people type and do, boxed Slack surfaces, checks. */
export interface Transcript {
  /** Raw text, written as is. */
  write(text: string): void;
  /** A story header: a blank line, a ruled title, a one-line summary. */
  story(title: string, summary: string): void;
  /** Someone types a slash command in a channel. */
  types(who: string, where: string, command: string): void;
  /** Someone does something that is not typing (clicks, fills in a form). */
  does(who: string, what: string, detail?: readonly string[]): void;
  /** A Slack surface someone sees: a titled box around its rendered lines. */
  box(title: string, lines: readonly string[]): void;
  /** A plain indented note (DocSpace state, narration). */
  note(lines: readonly string[]): void;
  pass(what: string): void;
  fail(what: string, detail: string): void;
}

const WIDTH = 96;

function rule(title: string): string {
  const head = `━━ ${title} `;
  return head.padEnd(Math.max(WIDTH, head.length + 3), '━');
}

export function createTranscript(out: (s: string) => void): Transcript {
  // Check marks come in runs; whatever follows a run gets one blank line before it.
  let afterChecks = false;
  const line = (s = '') => {
    if (afterChecks) out('\n');
    afterChecks = false;
    out(`${s}\n`);
  };
  const checkLine = (s: string) => {
    out(`${s}\n`);
    afterChecks = true;
  };
  return {
    write: (s) => {
      afterChecks = false;
      out(s);
    },
    story(title, summary) {
      line();
      line(rule(title));
      line(summary);
      line();
    },
    types(who, where, command) {
      line(`▶ ${who} types in ${where}:`);
      line(`      ${command}`);
      line();
    },
    does(who, what, detail = []) {
      line(`▶ ${who} ${what}`);
      for (const d of detail) line(`      ${d}`);
      line();
    },
    box(title, lines) {
      line(`    ┌─ ${title}`);
      for (const l of lines) line(`    │ ${l}`.trimEnd());
      line('    └─');
      line();
    },
    note(lines) {
      for (const l of lines) line(`    ${l}`);
      line();
    },
    pass(what) {
      checkLine(`    ✔ ${what}`);
    },
    fail(what, detail) {
      checkLine(`    ✘ ${what}`);
      for (const d of detail.split('\n').slice(0, 12)) checkLine(`        ${d}`);
    },
  };
}
