import bcrypt from "bcryptjs";

/**
 * bcrypt cost 10: ~60 ms per hash on these machines in pure JS, enough to make
 * offline guessing expensive while keeping sign-in under load responsive.
 */
const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/**
 * A hash of a random password, compared against when the email is unknown, so
 * the response time does not reveal which emails have accounts.
 */
export const DUMMY_HASH = bcrypt.hashSync("leakless-timing-equaliser", COST);
