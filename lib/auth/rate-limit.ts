import type { Db } from "../db/create-client";
import { DIRECT_CLIENT } from "./client-ip";

/**
 * Sign-in rate limiting, per account and per IP, stored in the database so it
 * holds across restarts and server processes. Failed attempts in a sliding
 * window are counted; a success does not reset the IP counter (an attacker
 * with one valid account must not unlock guessing on others).
 */
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_IP = 50;

export async function signInBlocked(db: Db, email: string, ip: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const [byAccount, byIp] = await Promise.all([
    db.signInAttempt.count({ where: { email, success: false, createdAt: { gte: since } } }),
    // No trustworthy client address (served without a proxy): per account only.
    ip === DIRECT_CLIENT ? 0 : db.signInAttempt.count({ where: { ip, success: false, createdAt: { gte: since } } }),
  ]);
  return byAccount >= MAX_FAILURES_PER_ACCOUNT || byIp >= MAX_FAILURES_PER_IP;
}

export async function recordSignInAttempt(db: Db, email: string, ip: string, success: boolean): Promise<void> {
  await db.signInAttempt.create({ data: { email, ip, success } });
  // Keep the table small: drop rows that can no longer count.
  if (Math.random() < 0.01) {
    await db.signInAttempt.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - SIGN_IN_WINDOW_MS) } } });
  }
}
