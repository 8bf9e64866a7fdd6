// make bench-clients: each client's time for one call through the gateway and straight against
// the simulator (same process, same simulator, fresh prompts so the cache never answers).
// Prints one Markdown table; docs/testing.md keeps the last numbers.
import { createOpenAI } from "@ai-sdk/openai";
import { ChatOpenAI } from "@langchain/openai";
import { generateText, streamText } from "ai";
import { freshPrompt } from "./harness/audit.mjs";
import { runOpenClaw } from "./harness/openclaw.mjs";
import { gatewayToken, startStack } from "./harness/stack.mjs";

globalThis.AI_SDK_LOG_WARNINGS = false;
const runs = Number(process.env.RUNS ?? 30);
const openClawRuns = Number(process.env.OPENCLAW_RUNS ?? 2);

const clients = {
  "AI SDK generateText (chat)": (base, key) => () => generateText({
    model: createOpenAI({ baseURL: base, apiKey: key }).chat("gpt-4o-mini"),
    prompt: freshPrompt("bench"), maxRetries: 0,
  }),
  "AI SDK streamText (chat)": (base, key) => async () => {
    const result = streamText({
      model: createOpenAI({ baseURL: base, apiKey: key }).chat("gpt-4o-mini"),
      prompt: freshPrompt("bench"), maxRetries: 0,
    });
    for await (const piece of result.textStream) void piece;
  },
  "LangChain invoke": (base, key) => () => langchain(base, key).invoke(freshPrompt("bench")),
  "LangChain stream": (base, key) => async () => {
    for await (const chunk of await langchain(base, key).stream(freshPrompt("bench"))) void chunk;
  },
};

const stack = await startStack();
try {
  const lines = ["| client, one call | gateway median | simulator median | added |",
    "|---|---:|---:|---:|"];
  for (const [name, make] of Object.entries(clients)) {
    const gateway = await median(make(stack.gateway, gatewayToken), runs);
    const direct = await median(make(stack.simulator, "sk-direct"), runs);
    lines.push(row(name, gateway, direct));
  }
  const turn = (baseUrl, apiKey) => async () => {
    const run = await runOpenClaw({ baseUrl, apiKey, message: freshPrompt("Say hello") });
    if (run.code !== 0) throw new Error(`openclaw exited ${run.code}: ${run.stderr}`);
    const fetch = /\[model-fetch\] response .*elapsedMs=(\d+)/.exec(run.stderr);
    return { total: run.ms, model: Number(fetch?.[1]) };
  };
  const viaGateway = await openClawMedians(turn(stack.gateway, gatewayToken));
  const viaSimulator = await openClawMedians(turn(stack.simulator, "sk-direct"));
  lines.push(row("OpenClaw agent exec, whole turn", viaGateway.total, viaSimulator.total));
  lines.push(row("OpenClaw, its model request (headers)", viaGateway.model, viaSimulator.model));
  console.log(`${runs} calls per client (after 3 warm-up calls), ${openClawRuns} OpenClaw turns\n`);
  console.log(lines.join("\n"));
} finally {
  await stack.stop();
}

function langchain(base, key) {
  return new ChatOpenAI({
    model: "gpt-4o-mini", apiKey: key, maxRetries: 0, configuration: { baseURL: base },
  });
}

async function median(call, count) {
  for (let i = 0; i < 3; i++) await call();
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return middle(times);
}

async function openClawMedians(turn) {
  const results = [];
  for (let i = 0; i < openClawRuns; i++) results.push(await turn());
  return { total: middle(results.map((r) => r.total)), model: middle(results.map((r) => r.model)) };
}

function middle(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function row(name, gateway, direct) {
  const ms = (v) => `${v.toFixed(1)} ms`;
  return `| ${name} | ${ms(gateway)} | ${ms(direct)} | ${ms(gateway - direct)} |`;
}
