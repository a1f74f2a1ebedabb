import { z } from "zod";
import type { Db } from "../db/create-client";
import { hashPassword } from "../auth/password";

/** Normalised, so "Ada@Example.com " and "ada@example.com" are one account. */
export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email is too long.")
  .pipe(z.email("Enter a valid email address."));

export const PasswordSchema = z
  .string()
  .min(10, "Password must be at least 10 characters.")
  // bcrypt silently ignores bytes past 72: refuse instead of pretending.
  .refine((p) => Buffer.byteLength(p, "utf8") <= 72, "Password must be at most 72 bytes.");

export const DisplayNameSchema = z
  .string()
  .trim()
  .min(1, "Enter your name.")
  .max(80, "Name must be at most 80 characters.")
  .refine((n) => !/[\u0000-\u001f\u007f]/.test(n), "Name must not contain control characters.");

export const SignUpSchema = z.object({
  email: EmailSchema,
  name: DisplayNameSchema,
  password: PasswordSchema,
});
export type SignUpInput = z.infer<typeof SignUpSchema>;

export type SignUpResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; status: 400 | 409; error: string; fieldErrors?: Record<string, string> };

/** Field → first message, for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * Create a learner account. One INSERT: either the whole user exists or
 * nothing does (no partial row on any error).
 */
export async function signUp(db: Db, input: unknown): Promise<SignUpResult> {
  const parsed = SignUpSchema.safeParse(input);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return { ok: false, status: 400, error: Object.values(errors)[0] ?? "Invalid sign-up.", fieldErrors: errors };
  }
  const { email, name, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  try {
    const user = await db.user.create({
      data: { email, name, passwordHash },
      select: { id: true, email: true, name: true },
    });
    return { ok: true, user };
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") {
      return {
        ok: false,
        status: 409,
        error: "An account with this email already exists.",
        fieldErrors: { email: "An account with this email already exists." },
      };
    }
    throw e;
  }
}
