/** The two databases Leakless runs on; everything else about them lives in lib/db. */
export type DatabaseProvider = "sqlite" | "postgresql";

/** Which database a DATABASE_URL names: `file:` is SQLite, `postgres(ql)://` PostgreSQL. */
export function providerOf(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)");
}
