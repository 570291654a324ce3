import { z } from 'zod';
import { db } from '../db';
import { serverWork } from './delay';
import { parseInput, Scope } from './validation';

export interface ExportRequest {
  scope: string;
  name: string;
}

const ExportInput = z.object({ scope: Scope, name: z.string().trim().min(1).max(200) });

const HEADER = 'id,customer,sku,quantity,price,placed,note\n';
/** One CSV line per order; the note is quoted because CSV readers expect commas there. */
const LINE = `id || ',' || customer || ',' || sku || ',' || quantity || ',' || printf('%.2f', cents / 100.0) || ',' || placed || ',"' || note || '"' || char(10)`;
/** Rows per page of the streamed export: each page is one query, so no statement stays open between reads. */
const PAGE_ROWS = 2000;

let size: number | undefined;

/**
 * The export's size in bytes (ASCII: one byte per character), shown on the page before the download. The orders
 * never change, so each bundle sums it once (100 ms) and not inside a timed export.
 */
export function exportBytes(): number {
  size ??=
    HEADER.length +
    (db().prepare(`SELECT coalesce(sum(length(${LINE})), 0) AS bytes FROM orders`).get() as { bytes: number }).bytes;
  return size;
}

/** Records who exported what (the audit row a real export writes); the CSV follows. */
export async function recordExport(input: unknown): Promise<ExportRequest> {
  const request = parseInput(ExportInput, input);
  await serverWork();
  db()
    .prepare('INSERT INTO exports (scope, name, bytes) VALUES (?, ?, ?)')
    .run(request.scope, request.name, exportBytes());
  return request;
}

type PageReader = (afterId: number) => { lines: string[]; lastId: number };

/** Reads pages of CSV lines by keyset; the statement is prepared once per export, not once per page. */
function pageReader(): PageReader {
  const statement = db().prepare(`SELECT id, ${LINE} AS line FROM orders WHERE id > ? ORDER BY id LIMIT ?`);
  return (afterId) => {
    const rows = statement.all(afterId, PAGE_ROWS) as { id: number; line: string }[];
    return { lines: rows.map((row) => row.line), lastId: rows.at(-1)?.id ?? afterId };
  };
}

/** The whole CSV as one string: what a Server Action can return. */
export function exportCsv(): string {
  const linesAfter = pageReader();
  const parts = [HEADER];
  for (let page = linesAfter(0); page.lines.length > 0; page = linesAfter(page.lastId)) parts.push(...page.lines);
  return parts.join('');
}

/** The CSV as a stream read a page of rows at a time, as the client takes it: the server never holds all of it. */
export function exportStream(): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const linesAfter = pageReader();
  let lastId = 0;
  return new ReadableStream({
    start(controller) {
      controller.enqueue(encoder.encode(HEADER));
    },
    pull(controller) {
      const page = linesAfter(lastId);
      if (page.lines.length === 0) return controller.close();
      lastId = page.lastId;
      controller.enqueue(encoder.encode(page.lines.join('')));
    },
  });
}
