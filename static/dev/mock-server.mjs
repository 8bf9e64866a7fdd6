// Dev-only mock of the gateway's dashboard surface (SPEC §8): serves the built dist/ and
// answers /__report/* from fixtures, with the same CSP the gateway sends. Not shipped.
//
//   npm run build && node dev/mock-server.mjs            # http://127.0.0.1:5199/
//   PORT=5200 MOCK_EMPTY=1 node dev/mock-server.mjs      # an empty database
//   MOCK_AUTH=admin:secret node dev/mock-server.mjs      # Basic auth on every route
//   MOCK_AUTH=a:b MOCK_AUTH_API_ONLY=1 node dev/...      # page loads, the API answers 401
//   MOCK_DELAY=800 node dev/mock-server.mjs              # slow answers (loading states)
//   MOCK_HANG=logs node dev/mock-server.mjs              # that report route never answers
//   MOCK_RATE=60 node dev/mock-server.mjs                # 60 new requests a second (live tail)

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRecords, makeLiveRecord } from './fixtures.mjs';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const PORT = Number(process.env.PORT || 5199);
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'";
const RECORDS = process.env.MOCK_EMPTY ? [] : makeRecords();
const DELAY = Number(process.env.MOCK_DELAY || 0);
const RATE = Number(process.env.MOCK_RATE || 0);
const STARTED = Date.now();
let liveCount = 0;
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const LIST_FIELDS = ['id', 'created_at', 'model', 'path', 'status_code', 'duration_ms',
  'total_tokens', 'request_preview', 'response_preview', 'provider', 'key', 'stream', 'cached',
  'error'];

class BadRequest extends Error {}

const sum = (rows, f) => rows.reduce((a, r) => a + (r[f] ?? 0), 0);
const costSum = (rows, f = 'cost_usd') => (rows.some((r) => r[f] != null) ? sum(rows, f) : null);
// As the reports count errors: 400 and up except 426 (an upgrade), or an error note.
const isError = (r) => (r.status_code >= 400 && r.status_code !== 426) || r.error != null;

// MOCK_RATE: the records that "arrived" since start-up, added newest first when asked.
function addLiveRecords() {
  const due = Math.floor(((Date.now() - STARTED) / 1000) * RATE);
  for (; liveCount < due; liveCount++) RECORDS.unshift(makeLiveRecord(liveCount));
}

function pct(rows, p) {
  if (!rows.length) return 0;
  const d = rows.map((r) => r.duration_ms).sort((a, b) => a - b);
  return d[Math.min(d.length - 1, Math.floor((p / 100) * d.length))];
}

function intParam(q, name, def, max) {
  if (!q.has(name)) return def;
  const v = q.get(name);
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) throw new BadRequest(`${name} must be an integer from 1 to ${max}, got "${v}"`);
  return Number(v);
}

function inWindow(q) {
  const days = intParam(q, 'days', 14, 3650);
  const from = Date.now() - days * 86400000;
  return RECORDS.filter((r) => r.created_at >= from);
}

function group(rows, field, extra) {
  const m = new Map();
  for (const r of rows) {
    const k = r[field] ?? null;
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(r);
  }
  return [...m].map(([k, rs]) => ({
    [field]: k, request_count: rs.length, cache_hits: rs.filter((r) => r.cached).length,
    prompt_tokens: sum(rs, 'prompt_tokens'), completion_tokens: sum(rs, 'completion_tokens'), total_tokens: sum(rs, 'total_tokens'),
    cached_tokens: sum(rs, 'cached_tokens'), cost_usd: costSum(rs),
    ...(extra ? { error_requests: rs.filter(isError).length, p95_ms: pct(rs, 95) } : {}),
    ...(field === 'provider' ? { failed_attempts: rs.filter(isError).length } : {}),
  })).sort((a, b) => b.total_tokens - a.total_tokens);
}

function bucketStart(ms, bucket) {
  const d = new Date(ms);
  if (bucket === 'day') d.setHours(0, 0, 0, 0); else d.setMinutes(0, 0, 0);
  return d.getTime();
}

function filterLogs(rows, q) {
  const s = q.get('status');
  if (s && !/^([245]xx|error)$/.test(s)) {
    throw new BadRequest(`status must be 2xx, 4xx, 5xx or error, got "${s}"`);
  }
  const needle = (q.get('q') || '').toLowerCase();
  return rows.filter((r) => (!q.get('model') || r.model === q.get('model'))
    && (!q.get('provider') || r.provider === q.get('provider'))
    && (!q.get('key') || r.key === q.get('key'))
    && (!q.get('endpoint') || r.endpoint === q.get('endpoint').replace(/^\/?(v1\/)?/, ''))
    && (!s || (s === 'error' ? isError(r) : String(r.status_code)[0] === s[0]))
    && (!q.has('cached') || String(r.cached) === q.get('cached'))
    && (!q.has('stream') || String(r.stream) === q.get('stream'))
    && (!needle || `${r.request_body ?? ''}\n${r.response_body ?? ''}`.toLowerCase().includes(needle)));
}

const csvCell = (v) => (v == null ? '' : /[",\n\r]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const pick = (r) => Object.fromEntries(LIST_FIELDS.map((f) => [f, r[f] ?? null]));

const routes = {
  summary(q) {
    const rows = inWindow(q);
    return {
      total_requests: rows.length, cache_hits: rows.filter((r) => r.cached).length, error_requests: rows.filter(isError).length,
      total_tokens: sum(rows, 'total_tokens'), prompt_tokens: sum(rows, 'prompt_tokens'), completion_tokens: sum(rows, 'completion_tokens'),
      cached_tokens: sum(rows, 'cached_tokens'), reasoning_tokens: sum(rows, 'reasoning_tokens'), cost_usd: costSum(rows),
      saved_tokens: sum(rows, 'saved_tokens'), saved_cost_usd: costSum(rows, 'saved_cost_usd'), p50_ms: pct(rows, 50), p95_ms: pct(rows, 95),
    };
  },
  series(q) {
    const bucket = q.get('bucket') || 'day';
    if (bucket !== 'hour' && bucket !== 'day') throw new BadRequest(`bucket must be hour or day, got "${bucket}"`);
    process.env.TZ = q.get('tz') || 'UTC'; // good enough for a mock: Node re-reads TZ
    const m = new Map();
    for (const r of inWindow(q)) {
      const k = bucketStart(r.created_at, bucket);
      const b = m.get(k) ?? { start: k, request_count: 0, error_requests: 0, cache_hits: 0, prompt_tokens: 0, completion_tokens: 0 };
      b.request_count++; b.error_requests += isError(r) ? 1 : 0; b.cache_hits += r.cached ? 1 : 0;
      b.prompt_tokens += r.prompt_tokens ?? 0; b.completion_tokens += r.completion_tokens ?? 0;
      m.set(k, b);
    }
    return [...m.values()].sort((a, b) => a.start - b.start);
  },
  models: (q) => group(inWindow(q), 'model', false),
  providers: (q) => group(inWindow(q), 'provider', true),
  keys: (q) => group(inWindow(q), 'key', true),
  logs(q, res) {
    if (RATE) addLiveRecords();
    const limit = intParam(q, 'limit', 100, 1000);
    let rows = filterLogs(inWindow(q), q);
    if (q.get('before')) {
      const i = rows.findIndex((r) => r.id === q.get('before'));
      if (i < 0) throw new BadRequest('before: unknown cursor');
      rows = rows.slice(i + 1);
    }
    const page = rows.slice(0, limit);
    if (rows.length > limit) res.setHeader('X-Next-Cursor', page[page.length - 1].id);
    if (q.get('format') === 'csv' || q.get('format') === 'csv-bom') {
      return { csv: [LIST_FIELDS.join(','), ...page.map((r) => LIST_FIELDS.map((f) => csvCell(r[f])).join(','))].join('\n') + '\n' };
    }
    return page.map(pick);
  },
  log(q) {
    const r = RECORDS.find((x) => x.id === q.get('id'));
    if (!r) return { status: 404, body: { error: { message: `no log with id ${q.get('id')}`, type: 'not_found', code: null } } };
    const { saved_tokens, saved_cost_usd, ...rest } = r;
    return rest;
  },
};

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'Content-Type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

async function serveFile(res, path) {
  const file = normalize(join(DIST, path === '/' ? 'index.html' : path));
  if (!file.startsWith(DIST)) return send(res, 404, 'not found', 'text/plain');
  try {
    const data = await readFile(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(data);
  } catch {
    send(res, 404, 'not found (did you run npm run build?)', 'text/plain');
  }
}

function authorised(req) {
  if (!process.env.MOCK_AUTH) return true;
  return req.headers.authorization === `Basic ${Buffer.from(process.env.MOCK_AUTH).toString('base64')}`;
}

createServer(async (req, res) => {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  const url = new URL(req.url, 'http://localhost');
  if (req.method !== 'GET') return send(res, 405, { error: { message: 'method not allowed', type: 'invalid_request_error', code: null } });
  const guarded = !process.env.MOCK_AUTH_API_ONLY || url.pathname.startsWith('/__report/');
  if (guarded && !authorised(req)) {
    // API-only mode stands for a prompt the user dismissed: no challenge, just the 401.
    if (!process.env.MOCK_AUTH_API_ONLY) res.setHeader('WWW-Authenticate', 'Basic realm="ai-menshen"');
    return send(res, 401, { error: { message: 'unauthorized', type: 'invalid_request_error', code: null } });
  }
  if (DELAY) await new Promise((r) => setTimeout(r, DELAY));
  const hang = process.env.MOCK_HANG;
  if (hang && url.pathname === `/__report/${hang}`) return undefined; // never answers
  const m = url.pathname.match(/^\/__report\/([a-z]+)$/);
  if (!m) return url.pathname === '/' || url.pathname.startsWith('/assets/') ? serveFile(res, url.pathname) : send(res, 404, 'not found', 'text/plain');
  const handler = routes[m[1]];
  if (!handler) return send(res, 404, { error: { message: `unknown report ${m[1]}`, type: 'not_found', code: null } });
  try {
    const out = handler(url.searchParams, res);
    if (out?.csv != null) return send(res, 200, out.csv, 'text/csv; charset=utf-8');
    if (out?.status) return send(res, out.status, out.body);
    return send(res, 200, out);
  } catch (e) {
    if (e instanceof BadRequest) return send(res, 400, { error: { message: e.message, type: 'invalid_request_error', code: null } });
    throw e;
  }
}).listen(PORT, '127.0.0.1', () => console.log(`mock gateway on http://127.0.0.1:${PORT}/ (${RECORDS.length} records)`));
