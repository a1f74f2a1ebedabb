import fs from "node:fs";
import path from "node:path";
import { env } from "../env";

/** Absolute path of the SQLite database file named by DATABASE_URL. */
export function databaseFilePath(url: string = env.DATABASE_URL): string {
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
