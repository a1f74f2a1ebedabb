/**
 * Database notifications to this process: on PostgreSQL one dedicated
 * connection that LISTENs (through `pg`, the driver under Prisma's PostgreSQL
 * adapter; a LISTEN cannot share a pooled or transaction-bound connection)
 * and reconnects after a loss; on SQLite nothing to listen to (one machine:
 * in-process events and polling carry the news). Callers keep a poll as a
 * net either way: a notification sent while the connection was down is lost.
 */
import { Client } from "pg";
import { queueProvider } from "./job-queue-sql";
import { env } from "../env";

export type Listener = { close(): Promise<void> };

const RECONNECT_MS = 1000;

export function listen(
  channels: Record<string, (payload: string) => void>,
  log: (message: string) => void = (m) => console.warn(m),
): Listener {
  if (queueProvider() !== "postgresql") return { close: async () => {} };
  let closed = false;
  let client: Client | null = null;
  let timer: NodeJS.Timeout | null = null;

  const connect = async () => {
    const next = new Client({ connectionString: env.DATABASE_URL });
    client = next;
    // Never log the error object as is: a connection error may carry the URL (and its password).
    next.on("error", (error) => {
      log(`[listen] notification connection lost (${redact(error.message)}); reconnecting`);
      retry(next);
    });
    next.on("end", () => retry(next));
    next.on("notification", (message) => channels[message.channel]?.(message.payload ?? ""));
    try {
      await next.connect();
      for (const channel of Object.keys(channels)) await next.query(`LISTEN ${channel}`);
    } catch (error) {
      log(`[listen] could not listen for notifications (${redact((error as Error).message)}); retrying`);
      retry(next);
    }
  };
  const retry = (failed: Client) => {
    if (closed || client !== failed || timer) return;
    client = null;
    failed.end().catch(() => {});
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, RECONNECT_MS);
  };
  void connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}

/** A driver message may quote the connection URL: never let its user and password reach a log. */
function redact(message: string): string {
  return message.replace(/\/\/[^@/\s]*@/g, "//***@");
}
