/**
 * A name from the data (suite, problem, model/learner key, metric) as Markdown text that renders as
 * exactly those characters: `<`, `>` and `&` as HTML entities (no raw HTML reaches a viewer), `|` as
 * `&#124;` (it cannot end a table cell), Markdown punctuation (`\`, backticks, `*`, `_`, `[`, `]`, `~`,
 * and `#`, `+`, `-`, `=`, `!` at the start) backslash-escaped, control characters and line breaks as
 * spaces (a name cannot start a new block).
 */
export function mdText(name: string): string {
  return (
    name
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/\|/g, "&#124;")
      .replace(/[\\`*_[\]~]/g, "\\$&")
      .replace(/^[#+\-=!]/, "\\$&")
      .replace(/^(\d+)([.)])/, "$1\\$2")
  );
}

/** A Markdown table; `|` inside a cell is escaped. */
export function table(header: string[], rows: string[][]): string {
  const esc = (c: string) => c.replace(/\|/g, "\\|");
  return [
    `| ${header.map(esc).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}
