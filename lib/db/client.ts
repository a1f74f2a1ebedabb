/**
 * The one Prisma client of the process (create-t3-app style singleton: Next's
 * dev server reloads modules, and a client per reload would leak connections).
 *
 * SQLite is opened in WAL mode with a busy timeout, so concurrent requests
 * (page reads while a submission is written) wait instead of failing with
 * SQLITE_BUSY.
 */
import "server-only";
import { createPrismaClient, type Db } from "./create-client";

const globalForPrisma = globalThis as unknown as { leaklessPrisma?: Db };

export const db: Db = globalForPrisma.leaklessPrisma ?? createPrismaClient();
globalForPrisma.leaklessPrisma = db;
