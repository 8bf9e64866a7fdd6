// Captures the request one OpenClaw agent turn sends (as the gateway's audit stored it), scrubbed
// of what is machine- or run-specific, for Core.Tests/Fixtures/openclaw-chat-request.json:
//   node24 clients/capture-openclaw-request.mjs > Core.Tests/Fixtures/openclaw-chat-request.json
import { auditReader } from "./harness/audit.mjs";
import { runOpenClaw } from "./harness/openclaw.mjs";
import { gatewayToken, startStack } from "./harness/stack.mjs";

const stack = await startStack();
try {
  const run = await runOpenClaw({
    baseUrl: stack.gateway, apiKey: gatewayToken, message: "What does this folder hold?",
  });
  if (run.code !== 0) throw new Error(`openclaw exited ${run.code}: ${run.stderr}`);
  const row = await auditReader(stack).next();
  process.stdout.write(JSON.stringify(JSON.parse(scrub(row.request_body)), null, 2) + "\n");
} finally {
  await stack.stop();
}

function scrub(text) {
  return text
    .replace(/\/tmp\/menshen-openclaw-\w+/g, "/tmp/menshen-openclaw-TEMP")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
      "00000000-0000-4000-8000-000000000000")
    .replace(/\[\w{3} \d{4}-\d\d-\d\d \d\d:\d\d UTC\]/g, "[Thu 2026-01-01 00:00 UTC]")
    .replace(/\| host=[^ |"]+ \|/g, "| host=HOST |")
    .replace(/os=[^|"]+\|/g, "os=Linux (x64) |")
    .replace(/node=v[\d.]+/g, "node=v24");
}
