// OpenClaw (npm `openclaw`, the gateway's own picture of its client) running headless agent turns
// through the gateway. A turn takes a minute or more here, so the three turns run at once and
// each finds its audit row by a word only its prompt holds.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { auditReader, freshPrompt, usageOf } from "../harness/audit.mjs";
import { runOpenClaw } from "../harness/openclaw.mjs";
import { gatewayToken, startStack } from "../harness/stack.mjs";

const simulatorText = /^Hello from the Menshen simulator\./;
let stack;
let audit;

before(async () => {
  stack = await startStack();
  audit = auditReader(stack);
});
after(() => stack?.stop());

const nonceOf = (prompt) => /\((\w+)\)$/.exec(prompt)[1];

describe("OpenClaw agent exec", { concurrency: true, timeout: 420_000 }, () => {
  test("a turn: the text arrives, the usage equals the audit row's", async () => {
    const prompt = freshPrompt("Say hello to the gateway");
    const run = await runOpenClaw({
      baseUrl: stack.gateway, apiKey: gatewayToken, message: prompt,
    });
    assert.equal(run.code, 0, run.stderr);
    const row = await audit.find(`q=${nonceOf(prompt)}`);
    const request = JSON.parse(row.request_body);

    assert.match(run.envelope.final, simulatorText);
    const { input, output, total } = run.envelope.usage;
    assert.deepEqual({ input, output, total }, usageOf(row));
    assert.deepEqual([row.endpoint, row.stream, row.status_code], ["chat/completions", true, 200]);
    assert.equal(request.tools.length, 11);
    // The dashboard shows what the person typed, not OpenClaw's context block.
    assert.ok(row.request_preview.includes(prompt), row.request_preview);
  });

  test("a turn stopped halfway (Ctrl-C) is recorded as client_closed", async () => {
    const prompt = freshPrompt("Tell me a long story");
    const run = await runOpenClaw({
      baseUrl: stack.gateway, apiKey: gatewayToken, message: prompt,
      headers: { "x-sim-chunk-interval-ms": "1000", "x-sim-chunks": "60" },
      onSpawn: interruptOnceStreaming,
    });
    const row = await audit.find(`q=${nonceOf(prompt)}`);

    assert.notEqual(run.code, 0);
    assert.deepEqual([row.client_closed, row.error, row.complete], [true, "client_closed", false]);
    assert.equal(row.stream, true);
  });

  test("a wrong gateway key is a 401 OpenClaw reports clearly", async () => {
    const run = await runOpenClaw({
      baseUrl: stack.gateway, apiKey: "sk-wrong-key", message: freshPrompt("Say hello"),
    });
    const row = await audit.find("status=4xx");

    assert.equal(run.code, 1);
    assert.equal(run.envelope.status, "error");
    assert.match(run.envelope.error.message, /Authentication failed \(provider returned HTTP 401/);
    assert.match(run.stderr, /401 Missing or invalid API key/);
    assert.deepEqual([row.status_code, row.stream], [401, true]);
  });
});

/** The user's Ctrl-C two seconds after OpenClaw logs that the model's stream began. */
function interruptOnceStreaming(child) {
  let seen = "";
  const listener = (chunk) => {
    seen += chunk;
    if (!/\[model-fetch\] response .*status=200/.test(seen)) return;
    child.stderr.off("data", listener);
    setTimeout(() => child.kill("SIGINT"), 2_000);
    setTimeout(() => child.kill("SIGKILL"), 20_000).unref();
  };
  child.stderr.on("data", listener);
}
