// OpenAI's own SDK for JavaScript (`openai`) in front of the gateway, for the call Codex makes
// beside its responses: the remote compaction of a long session.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import OpenAI from "openai";
import { auditReader, freshPrompt, usageOf } from "../harness/audit.mjs";
import { gatewayToken, startStack } from "../harness/stack.mjs";

let stack;
let audit;

before(async () => {
  stack = await startStack();
  audit = auditReader(stack);
});
after(() => stack?.stop());

const client = () => new OpenAI({ apiKey: gatewayToken, baseURL: stack.gateway, maxRetries: 0 });

test("responses.compact: the compaction arrives and its usage equals the audit row's", async () => {
  const compacted = await client().responses.compact({
    model: "gpt-5-codex",
    input: freshPrompt("a long session to compact"),
  });
  const row = await audit.next();

  assert.equal(compacted.object, "response.compaction");
  assert.equal(compacted.output.at(-1).type, "compaction");
  const { input_tokens: input, output_tokens: output, total_tokens: total } = compacted.usage;
  assert.deepEqual({ input, output, total }, usageOf(row));
  assert.ok(input > 0);
  assert.equal(row.endpoint, "responses/compact");
  assert.equal(row.usage_source, "body");
});
