#!/usr/bin/env bash
# make dist: this platform's release archive, exactly as the release workflow builds it:
#   $DIST/ai-menshen_<version>_<os>_<arch>.tar.gz (.zip on Windows) with the Native AOT binary,
#   README.md, LICENSE and configs/ (example config, systemd unit, launchd agent),
#   and its line in $DIST/SHA256SUMS (replaced if already there, so a rebuild does not duplicate it).
# Env: VERSION, COMMIT, BUILD_TIME (from make), RID (default: this machine), DIST (default dist),
#      STATIC_SQLITE (the SQLite library linked into the binary; default per platform below),
#      PUBLISH_FLAGS (extra `dotnet publish` arguments, split on blanks).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/platform.sh

rid=${RID:-$(host_rid)}
version=${VERSION:?VERSION is required}
dist=${DIST:-dist}
name="ai-menshen_${version}_$(release_os "$rid")_$(release_arch "$rid")"
exe=ai-menshen
[[ $rid == win-* ]] && exe=ai-menshen.exe
publish="publish/$rid"

# The script installs with apt-get on x64 Debian/Ubuntu; other runners bring their own toolchain.
[[ $rid == linux-x64 ]] && ./.ci/ensure-aot-toolchain
read -r -a publish_flags <<<"${PUBLISH_FLAGS:-}"
rm -rf "$publish"
dotnet publish Shell/Menshen.Shell.csproj -c Release -r "$rid" -o "$publish" -nologo \
  -p:PublishAot=true -p:StaticSqlite="${STATIC_SQLITE:-$(static_sqlite "$rid")}" \
  -p:MenshenVersion="$version" -p:MenshenCommit="${COMMIT:-unknown}" \
  -p:MenshenBuildTime="${BUILD_TIME:-unknown}" "${publish_flags[@]}"

stage="publish/$rid-stage"
rm -rf "$stage" && mkdir -p "$stage/configs" "$dist"
cp "$publish/$exe" README.md LICENSE "$stage/"
cp configs/example.toml configs/ai-menshen.service configs/net.liujiacai.ai-menshen.plist \
  "$stage/configs/"
files=("$exe" README.md LICENSE configs)

if [[ $rid == win-* ]]; then
  archive="$name.zip"
  rm -f "$dist/$archive"
  out=$(cd "$dist" && pwd)/$archive
  if command -v 7z >/dev/null; then (cd "$stage" && 7z a -tzip -bd "$out" "${files[@]}" >/dev/null)
  else (cd "$stage" && zip -qr "$out" "${files[@]}"); fi
else
  archive="$name.tar.gz"
  tar -czf "$dist/$archive" -C "$stage" "${files[@]}"
fi

sums="$dist/SHA256SUMS"
touch "$sums"
{ grep -v "  $archive\$" "$sums" || true; (cd "$dist" && sha256_line "$archive"); } \
  | sort -k 2 > "$sums.new"
mv "$sums.new" "$sums"
echo "$dist/$archive"
grep "  $archive\$" "$sums"
