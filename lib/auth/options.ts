/**
 * next-auth (v4) configuration: email + password for everyone, GitHub when
 * GITHUB_ID/GITHUB_SECRET are set. Sessions are JWTs in an httpOnly cookie;
 * each token carries the user's `sessionVersion`, and lib/auth/session.ts
 * refuses tokens whose version is stale, so sign-out and role changes revoke
 * every copy of a session at once.
 */
import type { NextAuthOptions, User as NextAuthUser } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { z } from "zod";
import { db } from "../db/client";
import { env, authSecret } from "../env";
import { DUMMY_HASH, verifyPassword } from "./password";
import { recordSignInAttempt, signInBlocked } from "./rate-limit";
import { EmailSchema } from "../users/sign-up";
import { clientIp } from "./client-ip";

const CredentialsSchema = z.object({ email: EmailSchema, password: z.string().min(1).max(1000) });

/** Thrown from authorize(); next-auth passes the message to the sign-in page as `error`. */
export const RATE_LIMITED = "RateLimited";

async function authorizeWithPassword(
  credentials: Record<string, string> | undefined,
  headers: Record<string, unknown> | undefined,
): Promise<NextAuthUser | null> {
  const parsed = CredentialsSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const ip = clientIp(headers, env.TRUSTED_PROXY_HOPS);
  if (await signInBlocked(db, email, ip)) throw new Error(RATE_LIMITED);

  const user = await db.user.findUnique({ where: { email } });
  // Compare against a dummy hash for unknown emails: same timing either way.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  await recordSignInAttempt(db, email, ip, ok && Boolean(user?.passwordHash));
  if (!user || !user.passwordHash || !ok) return null;
  return { id: user.id, email: user.email, name: user.name };
}

/** Find or create the local user for an OAuth identity (linked by verified email). */
async function userForOAuth(
  provider: string,
  providerAccountId: string,
  email: string | null | undefined,
  name: string | null | undefined,
) {
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    include: { user: true },
  });
  if (linked) return linked.user;
  if (!email) return null;
  const normalised = email.trim().toLowerCase();
  return db.user.upsert({
    where: { email: normalised },
    update: { accounts: { create: { provider, providerAccountId } } },
    create: {
      email: normalised,
      name: (name ?? normalised.split("@")[0]).slice(0, 80),
      accounts: { create: { provider, providerAccountId } },
    },
  });
}

/**
 * Built on first use, not at import: `next build` imports route modules to
 * collect page data, and a fresh clone has no secret until the first start.
 */
let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}

function buildAuthOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, req) => authorizeWithPassword(credentials, req?.headers as Record<string, unknown>),
      }),
      ...(env.GITHUB_ID && env.GITHUB_SECRET
        ? [GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET })]
        : []),
    ],
    callbacks: {
      async jwt({ token, user, account }) {
        if (user && account) {
          const local =
            account.provider === "credentials"
              ? await db.user.findUnique({ where: { id: user.id } })
              : await userForOAuth(account.provider, account.providerAccountId, user.email, user.name);
          if (!local) return token;
          token.uid = local.id;
          token.sv = local.sessionVersion;
          token.name = local.name;
          token.email = local.email;
        }
        return token;
      },
      async session({ session, token }) {
        // Only identity travels to the client; the role is read fresh from the
        // database on the server for every check (lib/auth/session.ts).
        session.user = { name: token.name ?? null, email: token.email ?? null };
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        // Revoke every copy of this session, not just the cookie in this browser.
        if (token?.uid) {
          await db.user
            .update({ where: { id: String(token.uid) }, data: { sessionVersion: { increment: 1 } } })
            .catch(() => undefined);
        }
      },
    },
  };
}
