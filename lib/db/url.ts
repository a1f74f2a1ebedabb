import fs from "node:fs";
import path from "node:path";
import { env } from "../env";
import { providerOf } from "./provider";

/** Absolute path of the SQLite database file named by DATABASE_URL. */
export function databaseFilePath(url: string = env.DATABASE_URL): string {
  if (providerOf(url) !== "sqlite") throw new Error(`${redactUrl(url)} is not a SQLite file URL`);
  return path.resolve(url.replace(/^file:/, ""));
}

/**
 * The same as a `file:` URL, as the Prisma adapter expects. Creates the
 * parent folder (SQLite creates the file, not its directory).
 */
export function databaseFileUrl(url: string = env.DATABASE_URL): string {
  const file = databaseFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return `file:${file}`;
}

/**
 * Where local files that belong to a database go (the demo credentials,
 * backups): beside a SQLite file, or `data/` for a PostgreSQL server.
 */
export function localDataDir(url: string = env.DATABASE_URL): string {
  return providerOf(url) === "sqlite" ? path.dirname(databaseFilePath(url)) : path.resolve("data");
}

/**
 * The URL as it may appear in a message or log line: a password (in the
 * userinfo or a `password=` parameter) is replaced by `***`.
 */
export function redactUrl(url: string): string {
  return (
    url
      // Up to the last "@": a password with an unescaped "@" or "/" in it is still hidden whole.
      .replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):.*@([^@]*)$/i, "$1:***@$2")
      .replace(/([?&]password=)[^&#]*/gi, "$1***")
  );
}

/** Every DATABASE_URL-shaped substring of a text (an error from a driver or the CLI), redacted. */
export function redactUrls(text: string): string {
  return text.replace(/postgres(?:ql)?:\/\/[^\s"'`]+/gi, (u) => redactUrl(u));
}
