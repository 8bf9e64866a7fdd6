#!/usr/bin/env bash
# make pack: the `dotnet tool` packages (dotnet tool install -g ai-menshen) in $PACK_DIR:
#   ai-menshen.<version>.nupkg        the pointer package: the command and the platforms it has
#   ai-menshen.<rid>.<version>.nupkg  this platform's Native AOT binary (.NET 10 RID-specific tool)
# The release workflow runs it on each platform's runner and pushes all of them to NuGet.
# Env: VERSION, COMMIT, BUILD_TIME (from make), RID (default: this machine), PACK_DIR
#      (default dist/nuget), STATIC_SQLITE (as for make dist).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/platform.sh

rid=${RID:-$(host_rid)}
out=${PACK_DIR:-dist/nuget}
stamp=(-p:MenshenToolPackage=true -p:MenshenVersion="${VERSION:?VERSION is required}"
  -p:MenshenCommit="${COMMIT:-unknown}" -p:MenshenBuildTime="${BUILD_TIME:-unknown}")

[[ $rid == linux-x64 ]] && ./.ci/ensure-aot-toolchain
mkdir -p "$out"
dotnet pack Shell/Menshen.Shell.csproj -c Release -o "$out" -nologo "${stamp[@]}"
dotnet pack Shell/Menshen.Shell.csproj -c Release -r "$rid" -o "$out" -nologo "${stamp[@]}" \
  -p:StaticSqlite="${STATIC_SQLITE:-$(static_sqlite "$rid")}"
ls -l "$out"/*.nupkg
