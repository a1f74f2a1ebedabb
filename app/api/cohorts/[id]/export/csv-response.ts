import { csvStream } from "@/lib/export/csv";
import type { CsvExport } from "@/lib/export/export-grades";

/** A streamed CSV download; no caching (grades change, and they are personal data). */
export function csvResponse({ fileName, records }: CsvExport): Response {
  return new Response(csvStream(records), {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
