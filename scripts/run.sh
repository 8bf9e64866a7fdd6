#!/usr/bin/env bash
# make run: with CONFIG, the gateway on that config (real providers). Without, a demo: the simulated
# upstream on 127.0.0.1:18080 and the gateway on 127.0.0.1:8080 in front of it; no key, no network.
set -euo pipefail
cd "$(dirname "$0")/.."
config="${1:-}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Shell/Menshen.Shell.csproj -c Release -v quiet -nologo >/dev/null
gateway=(dotnet Shell/bin/Release/net10.0/ai-menshen.dll)
if [ -n "$config" ]; then
  exec "${gateway[@]}" -config "$config"
fi
dotnet build tools/Simulator/Menshen.Simulator.csproj -c Release -v quiet -nologo >/dev/null
mkdir -p .run
sim_port="${SIM_PORT:-18080}"
cat > .run/demo.toml <<TOML
# Demo config written by 'make run': the simulated upstream, as an OpenAI provider and as an
# Anthropic one (Messages API, claude-* models).
listen = "127.0.0.1:${PORT:-8080}"

[[providers]]
name = "simulator"
base_url = "http://127.0.0.1:${sim_port}/v1"
api_key = "sk-demo-not-a-real-key"
# Named models are what GET /v1/models lists; "*" still sends any other model here.
models = ["gpt-4o-mini", "gpt-4o", "*"]

[[providers]]
name = "simulator-anthropic"
base_url = "http://127.0.0.1:${sim_port}/v1"
api_key = "sk-ant-demo-not-a-real-key"
api = "anthropic"
models = ["claude-sonnet-4-5", "claude-haiku-4-5", "claude-*"]

[storage.sqlite]
path = "./data/demo.db"
TOML
dotnet tools/Simulator/bin/Release/net10.0/menshen-simulator.dll --listen "127.0.0.1:${sim_port}" --chunk-interval-ms 20 &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT INT TERM
echo "demo: simulated upstream on http://127.0.0.1:${sim_port}/v1; try:"
echo "  curl -s localhost:${PORT:-8080}/v1/chat/completions -H 'content-type: application/json' -d '{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}'"
echo "  curl -s localhost:${PORT:-8080}/v1/messages -H 'content-type: application/json' -d '{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}'"
echo "  ANTHROPIC_BASE_URL=http://127.0.0.1:${PORT:-8080} ANTHROPIC_API_KEY=any claude -p hello"
"${gateway[@]}" -config .run/demo.toml
