/**
 * Raw SQL answers differ by driver: SQLite returns COUNT as a BigInt and an
 * aggregate over a DateTime column (MAX, MIN) as ISO text; PostgreSQL returns
 * COUNT as BigInt, SUM of a count as a Decimal (numeric) and Date objects.
 * These turn either into plain numbers and Dates, so raw queries stay portable.
 */
import { Prisma } from "./generated/client";

/** A count or sum as a number; NULL (an aggregate over no rows) is 0. Anything else is a bug, not a 0. */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  if (Prisma.Decimal.isDecimal(value)) return value.toNumber();
  throw new TypeError(`Not a number from SQL: ${typeof value} ${String(value)}`);
}

export function toDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value === "string" || typeof value === "number") {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}
