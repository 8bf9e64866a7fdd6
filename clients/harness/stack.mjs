// The simulator and the gateway as their own processes (the builds `make test-clients` makes),
// on free loopback ports, with a temp SQLite file and [auth] on: the clients under test
// talk to them exactly as they would to a real install.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const repo = resolve(import.meta.dirname, "../..");
// `make test-clients` builds Debug (what Shell.Tests just built), `make bench-clients` Release.
const build = process.env.MENSHEN_BUILD ?? "Debug";
const gatewayDll = join(repo, `Shell/bin/${build}/net10.0/ai-menshen.dll`);
const simulatorDll = join(repo, `tools/Simulator/bin/${build}/net10.0/menshen-simulator.dll`);

export const gatewayToken = "sk-menshen-client-suite";
const dashboard = { user: "admin", password: "client-suite-password" };

/** Starts both; `stop()` ends them and removes the temp folder. */
export async function startStack() {
  const dir = mkdtempSync(join(tmpdir(), "menshen-clients-"));
  const children = [];
  try {
    const simulator = await startSimulator(children);
    const port = await freePort();
    const config = join(dir, "gateway.toml");
    writeFileSync(config, gatewayConfig(port, simulator, join(dir, "audit.db")));
    const gateway = `http://127.0.0.1:${port}`;
    children.push(run("gateway", [gatewayDll, "-config", config]));
    await waitUntilHealthy(gateway, children.at(-1));
    return {
      dir,
      simulator, // the simulator's OpenAI base URL (…/v1)
      gateway: `${gateway}/v1`,
      origin: gateway,
      stop: () => stop(children, dir),
    };
  } catch (error) {
    await stop(children, dir);
    throw error;
  }
}

/** The Basic auth header the report API wants while [auth] is on. */
export function dashboardAuth() {
  const basic = Buffer.from(`${dashboard.user}:${dashboard.password}`).toString("base64");
  return { authorization: `Basic ${basic}` };
}

function gatewayConfig(port, simulator, database) {
  return `listen = "127.0.0.1:${port}"

[auth]
enable = true
user = "${dashboard.user}"
password = "${dashboard.password}"
token = "${gatewayToken}"

[[providers]]
name = "simulator"
base_url = "${simulator}"
api_key = "sk-simulator-upstream"

[storage.sqlite]
path = "${database}"

[cache]
enable = true
`;
}

async function startSimulator(children) {
  const child = run("simulator", [simulatorDll, "--listen", "127.0.0.1:0"]);
  children.push(child);
  const url = await new Promise((done, fail) => {
    let seen = "";
    const timer = setTimeout(() => fail(new Error(`simulator did not start: ${seen}`)), 60_000);
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        done(match[1]);
      }
    });
    child.on("exit", (code) => fail(new Error(`simulator exited (${code}): ${seen}`)));
  });
  return url.replace(/\/$/, "");
}

function run(name, args) {
  const child = spawn("dotnet", args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1" },
  });
  child.name = name;
  child.output = "";
  child.stdout.setEncoding("utf8");
  child.stderr.on("data", (chunk) => (child.output += chunk));
  child.stdout.on("data", (chunk) => (child.output += chunk));
  return child;
}

async function waitUntilHealthy(origin, child) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`gateway exited: ${child.output}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`gateway did not start: ${child.output}`);
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function stop(children, dir) {
  await Promise.all(children.map((child) => new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.on("exit", done);
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  })));
  rmSync(dir, { recursive: true, force: true });
}
