/**
 * The environment, parsed once with zod. This module is the only reader of
 * `process.env` in the app: everything else imports `env` from here, so a bad
 * value stops start-up with one clear message instead of failing later.
 *
 * `scripts/start.ts` writes `.env.local` with a generated NEXTAUTH_SECRET on
 * first start, so a newcomer never edits env files by hand.
 */
import { z } from "zod";

const boolFlag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /**
     * SQLite file URL (`file:./data/leakless.db`, relative to the project
     * root; the default) or a PostgreSQL URL (`postgresql://user:pass@host:5432/db`).
     */
    DATABASE_URL: z
      .string()
      .regex(
        /^(file:.+|postgres(ql)?:\/\/.+)$/,
        "must be a SQLite file URL such as file:./data/leakless.db or a PostgreSQL URL such as postgresql://user:password@localhost:5432/leakless",
      )
      .default("file:./data/leakless.db"),
    /** Signs session tokens. Generated on first start by scripts/start.ts. */
    NEXTAUTH_SECRET: z
      .string()
      .min(32, "must be at least 32 characters (run npm start once to generate one)")
      .optional(),
    NEXTAUTH_URL: z.url().optional(),
    /** Optional OAuth: GitHub sign-in is on when both are set. */
    GITHUB_ID: z.string().min(1).optional(),
    GITHUB_SECRET: z.string().min(1).optional(),
    /** Directory holding the course (exercises/ by default). */
    COURSE_DIR: z.string().min(1).default("exercises"),
    /** Number of sandboxed verifier processes; default: one per CPU core. */
    VERIFIER_POOL_SIZE: z.coerce.number().int().min(1).max(64).optional(),
    /**
     * What this process does (README "Deployment"): `all` serves and verifies (`npm start`),
     * `web` only serves (`npm run start:web`), `verifier` only verifies (`npm run verifier`).
     */
    LEAKLESS_ROLE: z.enum(["all", "web", "verifier"]).default("all"),
    /** How long a worker holds a job without renewing before another worker may take it over. */
    JOB_LEASE_SECONDS: z.coerce.number().min(1).max(3600).default(30),
    /** On SIGTERM, how long jobs in flight may run on before they are released to other workers. */
    DRAIN_SECONDS: z.coerce.number().min(0).max(600).default(8),
    /** Allow running the verifier without an OS sandbox (bubblewrap). */
    VERIFIER_ALLOW_UNSANDBOXED: boolFlag,
    /**
     * How many reverse proxies in front of the app append to X-Forwarded-For.
     * 0 (default, the app is served directly): the header is the client's to
     * choose, so it is ignored. See lib/auth/client-ip.ts.
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** Session lifetime in seconds (default 7 days). */
    SESSION_MAX_AGE: z.coerce
      .number()
      .int()
      .min(60)
      .max(60 * 60 * 24 * 90)
      .default(60 * 60 * 24 * 7),
  })
  .refine((e) => Boolean(e.GITHUB_ID) === Boolean(e.GITHUB_SECRET), {
    message: "GITHUB_ID and GITHUB_SECRET must be set together",
    path: ["GITHUB_ID"],
  });

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv(process.env);

/** The session-signing secret; refuses to run the server without one. */
export function authSecret(): string {
  if (!env.NEXTAUTH_SECRET) {
    throw new Error("NEXTAUTH_SECRET is not set. Run `npm start` once: it generates one into .env.local.");
  }
  return env.NEXTAUTH_SECRET;
}
