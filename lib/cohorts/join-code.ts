import { randomBytes } from "node:crypto";

/** RFC 4648 base32: no lower case, no 0/1/8/9, so a code read aloud or copied by hand survives. */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
export const JOIN_CODE_LENGTH = 10;

/**
 * A join code from the OS's CSPRNG: 10 symbols × 5 bits = 50 bits, so codes
 * cannot be guessed or enumerated. 256 is a multiple of 32, so `byte & 31` is
 * uniform (no modulo bias).
 */
export function generateJoinCode(): string {
  const bytes = randomBytes(JOIN_CODE_LENGTH);
  let code = "";
  for (const b of bytes) code += ALPHABET[b & 31];
  return code;
}

/** Accepts what a person may paste (spaces, lower case); anything else is not a code. */
export function normalizeJoinCode(raw: string): string | null {
  const code = raw.replace(/[\s-]/g, "").toUpperCase();
  return new RegExp(`^[${ALPHABET}]{${JOIN_CODE_LENGTH}}$`).test(code) ? code : null;
}
