/**
 * DATABASE_URL in messages: the password never shows, whatever it contains;
 * everything else (user, host, database) stays, so the message still says
 * which database was meant.
 */
import { redactUrl, redactUrls } from "@/lib/db/url";
import { providerOf } from "@/lib/db/provider";
import { parseEnv } from "@/lib/env";

test.each([
  ["postgresql://app:s3cret@db.example:5432/leakless", "postgresql://app:***@db.example:5432/leakless"],
  [
    "postgres://app:p%40ss%2Fword@localhost/leakless?sslmode=require",
    "postgres://app:***@localhost/leakless?sslmode=require",
  ],
  // An unescaped "@" or "/" in the password: still hidden whole.
  ["postgresql://app:pa@ss/wo:rd@localhost:5432/db", "postgresql://app:***@localhost:5432/db"],
  [
    "postgresql://localhost/db?user=app&password=s3cret&sslmode=disable",
    "postgresql://localhost/db?user=app&password=***&sslmode=disable",
  ],
  ["postgresql://app@localhost/db", "postgresql://app@localhost/db"],
  ["file:./data/leakless.db", "file:./data/leakless.db"],
])("redactUrl(%s)", (url, expected) => {
  expect(redactUrl(url)).toBe(expected);
});

test("every URL inside a longer text is redacted", () => {
  const text = 'Error: P1001 at "postgresql://u:hunter2@h:5432/d" (retry postgres://v:swordfish@h/e)';
  const out = redactUrls(text);
  expect(out).not.toMatch(/hunter2|swordfish/);
  expect(out).toContain("postgresql://u:***@h:5432/d");
  expect(out).toContain("postgres://v:***@h/e");
});

test("DATABASE_URL: SQLite file URLs and PostgreSQL URLs are accepted, anything else refused without echoing it", () => {
  const base = { NEXTAUTH_SECRET: "x".repeat(40) };
  expect(parseEnv({ ...base }).DATABASE_URL).toBe("file:./data/leakless.db");
  const pg = "postgresql://app:s3cret@localhost:5432/leakless";
  expect(providerOf(parseEnv({ ...base, DATABASE_URL: pg }).DATABASE_URL)).toBe("postgresql");
  expect(providerOf(parseEnv({ ...base, DATABASE_URL: "postgres://h/db" }).DATABASE_URL)).toBe("postgresql");
  let message = "";
  try {
    parseEnv({ ...base, DATABASE_URL: "mysql://app:s3cret@localhost/leakless" });
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toMatch(/DATABASE_URL: must be a SQLite file URL .* or a PostgreSQL URL/);
  expect(message).not.toContain("s3cret");
});
