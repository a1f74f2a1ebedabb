/**
 * Real learners for the benchmarks: accounts created in the server's
 * database, then signed in over HTTP through next-auth's credentials flow
 * (the same requests the sign-in form makes), so every request carries a real
 * session cookie the server checks.
 */
import { createPrismaClient } from "@/lib/db/create-client";
import { hashPassword } from "@/lib/auth/password";

export const BENCH_PASSWORD = "benchmark password";

export interface SignedInLearner {
  email: string;
  /** `name=value` pairs for the Cookie header. */
  cookie: string;
  /** The session cookie, for a browser context. */
  sessionToken: { name: string; value: string };
}

/** Create `count` learner accounts (one bcrypt hash shared: hashing is not what is measured). */
export async function createLearners(
  databaseUrl: string,
  prefix: string,
  count: number,
  role: "LEARNER" | "INSTRUCTOR" = "LEARNER",
): Promise<string[]> {
  const db = createPrismaClient(databaseUrl);
  try {
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const emails = Array.from({ length: count }, (_, i) => `${prefix}-${i}@bench.example`);
    await db.user.createMany({
      data: emails.map((email, i) => ({ email, name: `${prefix} ${i}`, role, passwordHash })),
    });
    return emails;
  } finally {
    await db.$disconnect();
  }
}

function cookiesOf(res: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return jar;
}

export async function signInOverHttp(
  baseUrl: string,
  email: string,
  password = BENCH_PASSWORD,
): Promise<SignedInLearner> {
  // Idempotent GET, retried once: a pooled keep-alive connection the server closed while the
  // caller was busy elsewhere (seeding) fails the first request with "fetch failed".
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`).catch(() => fetch(`${baseUrl}/api/auth/csrf`));
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfRes);
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  for (const [k, v] of cookiesOf(res)) jar.set(k, v);
  const name = [...jar.keys()].find((k) => k.endsWith("next-auth.session-token"));
  if (!name) throw new Error(`sign-in of ${email} failed (HTTP ${res.status})`);
  return {
    email,
    cookie: `${name}=${jar.get(name)}`,
    sessionToken: { name, value: jar.get(name)! },
  };
}

/** Sign in many learners, a few at a time (bcrypt costs CPU on the server). */
export async function signInAll(baseUrl: string, emails: string[], concurrency = 4): Promise<SignedInLearner[]> {
  const out: SignedInLearner[] = new Array(emails.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < emails.length) {
        const i = next++;
        out[i] = await signInOverHttp(baseUrl, emails[i]);
      }
    }),
  );
  return out;
}
