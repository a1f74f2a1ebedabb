import { createPrismaClient, type Db } from "@/lib/db/create-client";

/**
 * A Prisma client on this test file's own database (see worker-db.ts).
 * Real SQLite or PostgreSQL through the real adapter: no mocked client.
 */
export function testDb(): Db {
  return createPrismaClient(process.env.DATABASE_URL);
}
