/**
 * npm run users:set-password -- EMAIL [--admin]
 *
 * Sets a new password for an existing account from the shell: for the first
 * admin, or anyone locked out. The password is read from standard input when
 * one is piped in (`echo 'long passphrase' | npm run users:set-password -- a@b.c`),
 * else a random one is made and printed. `--admin` also makes the account an
 * admin. Every session of the account is signed out.
 */
import fs from "node:fs";
import { ensureLocalEnv } from "./local-env";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const email = args.find((a) => !a.startsWith("--"));
  if (!email) {
    console.error("usage: npm run users:set-password -- EMAIL [--admin]   (a password piped to stdin is used)");
    process.exit(2);
  }
  ensureLocalEnv();
  const { createPrismaClient } = await import("../lib/db/create-client");
  const { setPasswordByEmail, randomPassword } = await import("../lib/users/set-password");
  const { EmailSchema } = await import("../lib/users/sign-up");
  const piped = process.stdin.isTTY ? "" : fs.readFileSync(0, "utf8").replace(/\r?\n$/, "");
  const password = piped || randomPassword();
  const db = createPrismaClient();
  try {
    await setPasswordByEmail(db, email, password);
    if (args.includes("--admin")) {
      await db.user.update({ where: { email: EmailSchema.parse(email) }, data: { role: "ADMIN" } });
    }
    console.log(`Password of ${email} changed${args.includes("--admin") ? "; the account is an admin" : ""}.`);
    if (!piped) console.log(`New password: ${password}`);
  } finally {
    await db.$disconnect();
  }
}

main().catch(async (e) => {
  const { AuthError } = await import("../lib/auth/errors");
  const { ZodError } = await import("zod");
  if (e instanceof AuthError && e.status === 404) console.error("No account has that email.");
  else if (e instanceof ZodError) console.error(e.issues.map((issue) => issue.message).join("\n"));
  else console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
