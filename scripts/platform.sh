# shellcheck shell=bash
# Sourced by dist.sh and pack.sh: .NET runtime identifiers and the release archives' names for them.

# This machine's RID: linux-x64, linux-arm64, osx-x64, osx-arm64 or win-x64.
host_rid() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=osx ;;
    MINGW* | MSYS* | CYGWIN*) os=win ;;
    *) echo "unsupported OS: $(uname -s)" >&2; return 1 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "unsupported architecture: $(uname -m)" >&2; return 1 ;;
  esac
  echo "$os-$arch"
}

# Archive names follow ai-menshen's (goreleaser's): linux|darwin|windows and x86_64|arm64.
release_os() {
  case "$1" in linux-*) echo linux ;; osx-*) echo darwin ;; win-*) echo windows ;; esac
}

release_arch() {
  case "$1" in *-x64) echo x86_64 ;; *-arm64) echo arm64 ;; esac
}

# The SQLite linked into the Native AOT binary (Shell's StaticSqlite), so it ships as one file:
# Debian/Ubuntu's libsqlite3.a (libsqlite3-dev), vcpkg's static sqlite3 on Windows; on macOS the
# system's libsqlite3 (every macOS has it) through the SDK's link stub.
static_sqlite() {
  case "$1" in
    linux-x64) echo /usr/lib/x86_64-linux-gnu/libsqlite3.a ;;
    linux-arm64) echo /usr/lib/aarch64-linux-gnu/libsqlite3.a ;;
    osx-*) echo "$(xcrun --show-sdk-path)/usr/lib/libsqlite3.tbd" ;;
    win-x64) echo "${VCPKG_INSTALLATION_ROOT:-C:/vcpkg}/installed/x64-windows-static/lib/sqlite3.lib" ;;
  esac
}

# "<sha256>  <file>", the format of SHA256SUMS (sha256sum, or shasum on macOS; never the
# " *file" binary-mode form Windows' sha256sum prints).
sha256_line() {
  local hash
  if command -v sha256sum >/dev/null; then hash=$(sha256sum "$1"); else hash=$(shasum -a 256 "$1"); fi
  printf '%s  %s\n' "${hash%% *}" "$1"
}
