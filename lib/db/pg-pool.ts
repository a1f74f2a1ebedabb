/**
 * The pg pool behind Prisma's PostgreSQL driver adapter.
 *
 * Why a subclass: @prisma/adapter-pg 6.19 has no column type for PostgreSQL's
 * `name` and `"char"` (the types of catalog columns such as
 * `pg_namespace.nspname`) and fails with "Column type 'name' could not be
 * deserialized". Prisma's schema engine reads exactly those columns, so
 * `prisma migrate deploy` and `db push` fail on any real database (fixed
 * only in Prisma 7, which cannot run offline). Both types arrive as plain
 * strings in pg's text protocol, so reporting them as `text` is exact; the
 * app's own tables never use them.
 */
import pg from "pg";

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

function asText(result: unknown): void {
  for (const r of Array.isArray(result) ? result : [result]) {
    const fields = (r as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
    if (!fields) continue;
    for (const field of fields)
      if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  }
}

class CatalogTypesAsTextClient extends pg.Client {
  // pg's query has many overloads (callback or promise); both are wrapped.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (err: unknown, res: unknown) => {
        if (!err) asText(res);
        last(err, res);
      };
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const out = (super.query as any)(...args);
    return out && typeof out.then === "function" ? out.then((res: unknown) => (asText(res), res)) : out;
  }
}

export function createPgPool(connectionString: string, options: Omit<pg.PoolConfig, "connectionString"> = {}): pg.Pool {
  return new pg.Pool({ ...options, connectionString, Client: CatalogTypesAsTextClient });
}
