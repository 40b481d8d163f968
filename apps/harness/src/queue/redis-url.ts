import { UsageError } from "../usage-error.ts";

/**
 * A Redis address from `--redis`: `redis://[user:password@]host[:port][/db]`, or `rediss://…` for TLS.
 * `shown` is the same address with the password replaced by `***`: the only form ever printed.
 */
export interface RedisAddress {
  url: string;
  shown: string;
}

/** Parses and checks `--redis`; the error names the address without its password. */
export function parseRedisUrl(text: string | undefined): RedisAddress {
  if (text === undefined || text === "")
    throw new UsageError("--redis URL is required, e.g. --redis redis://127.0.0.1:6379");
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UsageError(
      `--redis ${redact(text)} is not a URL; expected redis://host:port or rediss://… (TLS)`,
    );
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:")
    throw new UsageError(
      `--redis ${redact(text)}: expected the scheme redis:// or rediss:// (TLS), got ${u.protocol}//`,
    );
  if (u.hostname === "") throw new UsageError(`--redis ${redact(text)}: no host`);
  if (u.pathname !== "" && u.pathname !== "/" && !/^\/\d{1,2}$/.test(u.pathname))
    throw new UsageError(`--redis ${redact(text)}: the path must be a database number such as /0`);
  return { url: text, shown: redact(text) };
}

/** The address with any password replaced by `***` (also inside text that is not a valid URL). */
export function redact(text: string): string {
  try {
    const u = new URL(text);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return text.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
  }
}
