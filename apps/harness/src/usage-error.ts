/**
 * A user error: bad suite, flag, name or file. The CLI prints `arena: <message>` (one line) and exits
 * with code 2, having written nothing.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * A message made safe for one line of a terminal: control characters (newlines, escape sequences) shown
 * as `\n`-style escapes, and cut to `max` characters.
 */
export function oneLine(text: string, max = 2000): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  const s = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

/** A path or other user string for a message: quoted, control characters escaped, long ones shortened. */
export function quote(text: string, max = 120): string {
  const s = oneLine(text, Number.POSITIVE_INFINITY);
  const short = s.length > max ? `${s.slice(0, Math.ceil(max * 0.6))}…${s.slice(-Math.floor(max * 0.4))}` : s;
  return `"${short}"`;
}
