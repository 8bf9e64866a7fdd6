// The audit as the dashboard sees it: rows read back through the report API (/__report/*).
import { setTimeout as sleep } from "node:timers/promises";
import { dashboardAuth } from "./stack.mjs";

/** Reads rows in the order they are written, one `next()` per request the client made. */
export function auditReader(stack) {
  const seen = new Set();
  return {
    /** The next row not read yet (the writer stores a row just after the response ends). */
    async next(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const rows = await report(stack, "/__report/logs?limit=50");
        const fresh = rows.filter((row) => !seen.has(row.id)).sort((a, b) => a.id - b.id);
        if (fresh.length > 0) {
          seen.add(fresh[0].id);
          return report(stack, `/__report/log?id=${fresh[0].id}`);
        }
        await sleep(100);
      }
      throw new Error(`no new audit row within ${timeoutMs} ms`);
    },
    /** The one row a `/__report/logs` filter (e.g. `q=<nonce>`, `status=4xx`) finds. */
    async find(filter, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const rows = await report(stack, `/__report/logs?${filter}`);
        if (rows.length > 1) throw new Error(`${filter}: ${rows.length} rows, expected one`);
        if (rows.length === 1) {
          seen.add(rows[0].id);
          return report(stack, `/__report/log?id=${rows[0].id}`);
        }
        await sleep(100);
      }
      throw new Error(`no audit row for ${filter} within ${timeoutMs} ms`);
    },
  };
}

export async function report(stack, path) {
  const response = await fetch(stack.origin + path, { headers: dashboardAuth() });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The upstream usage of a row, in the client libraries' terms. */
export function usageOf(row) {
  return { input: row.prompt_tokens, output: row.completion_tokens, total: row.total_tokens };
}

/** A prompt no other test sends, so the cache never answers it unless a test means it to. */
export function freshPrompt(what) {
  return `${what} (${process.hrtime.bigint().toString(36)})`;
}
