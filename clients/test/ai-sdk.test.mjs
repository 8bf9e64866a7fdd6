// The Vercel AI SDK (`ai` + `@ai-sdk/openai`) in front of the gateway, checked as its user would.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createOpenAI } from "@ai-sdk/openai";
import { embed, generateText, streamText } from "ai";
import { auditReader, freshPrompt, usageOf } from "../harness/audit.mjs";
import { gatewayToken, startStack } from "../harness/stack.mjs";

globalThis.AI_SDK_LOG_WARNINGS = false; // the SDK's notes on unused options, not test output
const simulatorText = /^Hello from the Menshen simulator\./;
let stack;
let audit;
let openai;

before(async () => {
  stack = await startStack();
  audit = auditReader(stack);
  openai = createOpenAI({ baseURL: stack.gateway, apiKey: gatewayToken });
});
after(() => stack?.stop());

const sdkUsage = (u) => ({ input: u.inputTokens, output: u.outputTokens, total: u.totalTokens });

test("chat: the text arrives and the usage equals the audit row's", async () => {
  const result = await generateText({
    model: openai.chat("gpt-4o-mini"), prompt: freshPrompt("chat"), maxRetries: 0,
  });
  const row = await audit.next();

  assert.match(result.text, simulatorText);
  assert.deepEqual(sdkUsage(result.usage), usageOf(row));
  assert.equal(row.endpoint, "chat/completions");
  assert.equal(row.stream, false);
});

test("chat stream: the text arrives and the usage equals the audit row's", async () => {
  const result = streamText({
    model: openai.chat("gpt-4o-mini"), prompt: freshPrompt("chat stream"), maxRetries: 0,
  });
  let text = "";
  for await (const piece of result.textStream) text += piece;
  const usage = await result.usage;
  const row = await audit.next();

  assert.match(text, simulatorText);
  assert.deepEqual(sdkUsage(usage), usageOf(row));
  assert.equal(row.stream, true);
  assert.equal(row.usage_source, "stream");
});

test("responses, plain and streamed: the text and the usage match the audit", async () => {
  const plain = await generateText({
    model: openai.responses("gpt-4o-mini"), prompt: freshPrompt("responses"), maxRetries: 0,
  });
  const plainRow = await audit.next();
  const streamed = streamText({
    model: openai.responses("gpt-4o-mini"), prompt: freshPrompt("responses stream"),
    maxRetries: 0,
  });
  let text = "";
  for await (const piece of streamed.textStream) text += piece;
  const streamRow = await audit.next();

  assert.match(plain.text, simulatorText);
  assert.deepEqual(sdkUsage(plain.usage), usageOf(plainRow));
  assert.match(text, simulatorText);
  assert.deepEqual(sdkUsage(await streamed.usage), usageOf(streamRow));
  assert.deepEqual([plainRow.endpoint, streamRow.endpoint], ["responses", "responses"]);
  assert.deepEqual([plainRow.stream, streamRow.stream], [false, true]);
});

test("completion: the text and the usage match the audit", async () => {
  const result = await generateText({
    model: openai.completion("gpt-3.5-turbo-instruct"), prompt: freshPrompt("completion"),
    maxRetries: 0,
  });
  const row = await audit.next();

  assert.match(result.text, simulatorText);
  assert.deepEqual(sdkUsage(result.usage), usageOf(row));
  assert.equal(row.endpoint, "completions");
});

test("embeddings: the vector arrives and its token count is the audit row's", async () => {
  const result = await embed({
    model: openai.embedding("text-embedding-3-small"), value: freshPrompt("embed me"),
    maxRetries: 0,
  });
  const row = await audit.next();

  assert.ok(result.embedding.length > 0 && result.embedding.every(Number.isFinite));
  assert.equal(result.usage.tokens, row.prompt_tokens);
  assert.equal(row.endpoint, "embeddings");
});

test("a stream stopped halfway is recorded as client_closed", async () => {
  const slow = createOpenAI({
    baseURL: stack.gateway, apiKey: gatewayToken,
    headers: { "x-sim-chunk-interval-ms": "400", "x-sim-chunks": "20" },
  });
  const stop = new AbortController();
  const result = streamText({
    model: slow.chat("gpt-4o-mini"), prompt: freshPrompt("stop me"), maxRetries: 0,
    abortSignal: stop.signal, onError: () => {},
  });
  let pieces = 0;
  try {
    for await (const piece of result.textStream) {
      if (piece.length > 0 && ++pieces === 2) stop.abort();
    }
  } catch (error) {
    if (error.name !== "AbortError") throw error;
  }
  const row = await audit.next();

  assert.equal(pieces, 2);
  assert.equal(row.client_closed, true);
  assert.equal(row.error, "client_closed");
  assert.equal(row.complete, false);
});

test("a cached repeat still parses, with the same text and usage", async () => {
  const prompt = freshPrompt("cache me");
  const request = { model: openai.chat("gpt-4o-mini"), prompt, maxRetries: 0 };
  const first = await generateText(request);
  const firstRow = await audit.next();
  const again = await generateText(request);
  const againRow = await audit.next();

  assert.equal(firstRow.cache_status, "miss");
  assert.equal(againRow.cache_status, "hit");
  assert.equal(again.text, first.text);
  assert.deepEqual(sdkUsage(again.usage), sdkUsage(first.usage));
});

test("a wrong gateway key is a 401 the SDK reports clearly", async () => {
  const wrong = createOpenAI({ baseURL: stack.gateway, apiKey: "sk-wrong-key" });

  await assert.rejects(
    generateText({ model: wrong.chat("gpt-4o-mini"), prompt: "hello", maxRetries: 0 }),
    (error) => error.statusCode === 401 && /Missing or invalid API key/.test(error.message));
  const row = await audit.next();
  const errors = [];
  const streamed = streamText({
    model: wrong.chat("gpt-4o-mini"), prompt: "hello", maxRetries: 0,
    onError: ({ error }) => errors.push(error),
  });
  for await (const piece of streamed.textStream) assert.fail(`unexpected text ${piece}`);
  const streamRow = await audit.next();

  assert.deepEqual([row.status_code, row.stream], [401, false]);
  assert.equal(errors.length, 1);
  assert.equal(errors[0].statusCode, 401);
  assert.match(errors[0].message, /Missing or invalid API key/);
  // The row says what the client asked: a stream.
  assert.deepEqual([streamRow.status_code, streamRow.stream], [401, true]);
});
