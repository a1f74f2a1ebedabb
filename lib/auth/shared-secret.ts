/**
 * When the session secret must be set by the deployer rather than generated.
 * `npm start` on SQLite is one instance on one machine: it may generate a
 * secret into .env.local. Anything that can be one of several instances
 * cannot: each would generate its own, and a session signed by one would be
 * rejected by the next (users signed out at random behind a load balancer).
 * That is `npm run start:web`, and any instance on PostgreSQL (a database
 * made to be shared). The verifier signs nothing and needs no secret.
 */
import { providerOf } from "../db/provider";

export type StartRole = "all" | "web";

const HOW =
  "Set NEXTAUTH_SECRET to the same value (at least 32 characters) on every web instance, e.g. `openssl rand -base64 48`.";

/** Null when the instance may start; otherwise why not and what to do, for the operator. */
export function sharedSecretProblem(source: Record<string, string | undefined>, role: StartRole): string | null {
  const secret = source.NEXTAUTH_SECRET ?? "";
  if (secret.length >= 32) return null;
  const present = secret.length > 0 ? "NEXTAUTH_SECRET is shorter than 32 characters" : "NEXTAUTH_SECRET is not set";
  if (role === "web") {
    return `${present}. \`npm run start:web\` runs beside other instances, which must all sign sessions with one shared secret. ${HOW}`;
  }
  let postgres = false;
  try {
    postgres = providerOf(source.DATABASE_URL ?? "file:") === "postgresql";
  } catch {
    // A malformed DATABASE_URL is reported by lib/env.ts with its own message.
  }
  if (postgres) {
    return `${present}. With a PostgreSQL database, more than one instance may serve the same users; a secret generated on each machine would sign them out whenever a request lands on another instance. ${HOW}`;
  }
  return null;
}
