// LangChain JS (`@langchain/openai`) in front of the gateway, checked as its user would.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { ChatOpenAI } from "@langchain/openai";
import { auditReader, freshPrompt, usageOf } from "../harness/audit.mjs";
import { gatewayToken, startStack } from "../harness/stack.mjs";

const simulatorText = /^Hello from the Menshen simulator\./;
let stack;
let audit;

before(async () => {
  stack = await startStack();
  audit = auditReader(stack);
});
after(() => stack?.stop());

const chat = (options = {}) => new ChatOpenAI({
  model: "gpt-4o-mini",
  apiKey: options.apiKey ?? gatewayToken,
  maxRetries: 0,
  configuration: { baseURL: stack.gateway, defaultHeaders: options.headers },
});
const lcUsage = (u) => ({ input: u.input_tokens, output: u.output_tokens, total: u.total_tokens });

async function collect(stream) {
  let message;
  for await (const chunk of stream) message = message ? message.concat(chunk) : chunk;
  return message;
}

test("invoke: the text arrives and the usage equals the audit row's", async () => {
  const message = await chat().invoke(freshPrompt("invoke"));
  const row = await audit.next();

  assert.match(message.content, simulatorText);
  assert.deepEqual(lcUsage(message.usage_metadata), usageOf(row));
  assert.equal(row.stream, false);
});

test("stream: the text arrives and the usage equals the audit row's", async () => {
  const message = await collect(await chat().stream(freshPrompt("stream")));
  const row = await audit.next();

  assert.match(message.content, simulatorText);
  assert.deepEqual(lcUsage(message.usage_metadata), usageOf(row));
  assert.equal(row.stream, true);
  assert.equal(row.usage_source, "stream");
});

test("a stream stopped halfway is recorded as client_closed", async () => {
  const slow = chat({ headers: { "x-sim-chunk-interval-ms": "400", "x-sim-chunks": "20" } });
  const stop = new AbortController();
  let pieces = 0;
  try {
    for await (const chunk of await slow.stream(freshPrompt("stop me"), { signal: stop.signal })) {
      if (chunk.content.length > 0 && ++pieces === 2) stop.abort();
    }
  } catch (error) {
    if (!/abort/i.test(`${error.name} ${error.message}`)) throw error;
  }
  const row = await audit.next();

  assert.equal(pieces, 2);
  assert.equal(row.client_closed, true);
  assert.equal(row.error, "client_closed");
  assert.equal(row.complete, false);
});

test("a cached repeat still parses, plain and streamed", async () => {
  const prompt = freshPrompt("cache me");
  const first = await chat().invoke(prompt);
  const again = await chat().invoke(prompt);
  const streamed = await collect(await chat().stream(prompt));
  const streamedAgain = await collect(await chat().stream(prompt));
  const rows = [await audit.next(), await audit.next(), await audit.next(), await audit.next()];

  assert.deepEqual(rows.map((r) => r.cache_status), ["miss", "hit", "miss", "hit"]);
  assert.equal(again.content, first.content);
  assert.deepEqual(again.usage_metadata, first.usage_metadata);
  assert.equal(streamedAgain.content, streamed.content);
  assert.deepEqual(lcUsage(streamedAgain.usage_metadata), lcUsage(streamed.usage_metadata));
});

test("a wrong gateway key is a 401 LangChain reports clearly", async () => {
  await assert.rejects(chat({ apiKey: "sk-wrong-key" }).invoke("hello"),
    (error) => error.status === 401 && /Missing or invalid API key/.test(error.message));
  const row = await audit.next();
  assert.equal(row.status_code, 401);
});
