#!/bin/sh
# Installs the ai-menshen binary from a GitHub release, its checksum verified first:
#   curl -fsSL https://raw.githubusercontent.com/menshen-dev/menshen/main/install.sh | sh
#   curl -fsSL .../install.sh | sh -s -- --version 1.2.0 --prefix /usr/local/bin
# POSIX sh (dash, busybox ash, bash, zsh); needs curl or wget, tar, and sha256sum or shasum.
set -eu

releases_url="https://github.com/menshen-dev/menshen/releases"
china_mirror_default="https://ghfast.top/"
binary=ai-menshen

usage() {
  cat <<EOF
Install ai-menshen, the local-first gateway for OpenAI-compatible APIs.

Usage: install.sh [options]
       curl -fsSL <url of install.sh> | sh -s -- [options]

Options:
  -v, --version VERSION  release to install, 1.2.0 or v1.2.0 (default: latest)
  -p, --prefix DIR       directory for the binary (default: ~/.local/bin)
      --china            download through the mirror prefix $china_mirror_default
                         (MENSHEN_CHINA_MIRROR replaces it)
      --base-url URL     releases URL to download from (default: $releases_url;
                         MENSHEN_DOWNLOAD_BASE sets it too), for mirrors and tests
  -h, --help             this help

Files: <base>/download/v<version>/ai-menshen_<version>_<os>_<arch>.tar.gz and SHA256SUMS,
       <base>/latest/download/SHA256SUMS for the latest release.
EOF
}

die() {
  printf 'install.sh: error: %s\n' "$*" >&2
  exit 1
}

version=latest
prefix=""
base="${MENSHEN_DOWNLOAD_BASE:-$releases_url}"
mirror=""

need_value() {
  if [ "$#" -lt 2 ] || [ -z "$2" ]; then die "$1 needs a value (see --help)"; fi
}

while [ "$#" -gt 0 ]; do
  case "$1" in
    -v | --version) need_value "$@"; version=$2; shift 2 ;;
    --version=*) version=${1#*=}; shift ;;
    -p | --prefix) need_value "$@"; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#*=}; shift ;;
    --base-url) need_value "$@"; base=$2; shift 2 ;;
    --base-url=*) base=${1#*=}; shift ;;
    --china) mirror="${MENSHEN_CHINA_MIRROR:-$china_mirror_default}"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
done

# A version is a tag without its "v"; anything else would end up inside a URL.
version=${version#v}
case "$version" in
  '' | *[!0-9A-Za-z.+-]*) die "not a version: '$version' (expected e.g. 1.2.0 or v1.2.0)" ;;
esac
# The default and a --prefix=~/bin (its tilde unexpanded) need HOME: never /.local/bin.
case "$prefix" in
  "" | \~ | \~/*)
    [ -n "${HOME:-}" ] || die "no install directory: HOME is not set; pass --prefix DIR" ;;
esac
case "$prefix" in
  "") prefix="$HOME/.local/bin" ;;
  \~) prefix=$HOME ;;
  \~/*) prefix="$HOME/${prefix#\~/}" ;;
esac
base=${base%/}

# Archive names follow ai-menshen's (goreleaser's): linux|darwin, x86_64|arm64.
os=$(uname -s)
arch=$(uname -m)
case "$os" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) die "unsupported platform: $os/$arch (releases are built for Linux and macOS;" \
    "on Windows, download the zip from $releases_url)" ;;
esac
case "$arch" in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) die "unsupported platform: $os/$arch (releases are built for x86_64 and arm64)" ;;
esac
# An x86_64 shell under Rosetta on Apple silicon still wants the native arm64 build.
if [ "$os/$arch" = darwin/x86_64 ]; then
  if [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || true)" = 1 ]; then arch=arm64; fi
fi

if command -v curl >/dev/null 2>&1; then
  downloader=curl
elif command -v wget >/dev/null 2>&1; then
  downloader=wget
else
  die "neither curl nor wget is installed; install one of them and run this again"
fi
# A missing unpacker read as a broken release ("does not contain ai-menshen", helper-68).
for tool in tar gzip; do
  command -v "$tool" >/dev/null 2>&1 ||
    die "$tool is not installed; it is needed to unpack the release"
done
if command -v sha256sum >/dev/null 2>&1; then
  sha256() { sha256sum "$1" | cut -d ' ' -f 1; }
elif command -v shasum >/dev/null 2>&1; then
  sha256() { shasum -a 256 "$1" | cut -d ' ' -f 1; }
else
  die "neither sha256sum nor shasum is installed; the download cannot be verified"
fi

# fetch URL FILE: downloads quietly; on failure sets fetch_error to why, in our own words.
fetch() {
  if [ "$downloader" = curl ]; then
    # A server that accepts and then sends nothing hung the installer for good (helper-68):
    # give up on a connection after 20 s and on a transfer stalled for 30 s.
    code=$(curl -sL --retry 2 --connect-timeout 20 --speed-limit 1 --speed-time 30 \
      -o "$2" -w '%{http_code}' "$mirror$1" 2>/dev/null) || true
    case "$code" in
      200) return 0 ;;
      000 | '') fetch_error="cannot connect, or the server stopped answering" ;;
      *) fetch_error="HTTP $code" ;;
    esac
  else
    wget -q --timeout=30 --tries=3 -O "$2" "$mirror$1" 2>/dev/null && return 0
    case "$?" in
      8) fetch_error="HTTP error" ;;
      *) fetch_error="cannot connect, or the server stopped answering" ;;
    esac
  fi
  return 1
}

tmp=$(mktemp -d 2>/dev/null || mktemp -d -t ai-menshen)
staged=""
cleanup() {
  rm -rf "$tmp"
  if [ -n "$staged" ]; then rm -f "$staged"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$version" = latest ]; then
  sums_url="$base/latest/download/SHA256SUMS"
  release="the latest release"
else
  sums_url="$base/download/v$version/SHA256SUMS"
  release="release v$version"
fi
echo "Downloading $mirror$sums_url"
if ! fetch "$sums_url" "$tmp/SHA256SUMS"; then
  case "$fetch_error" in
    "HTTP 404" | "HTTP error") die "$release not found: $mirror$sums_url ($fetch_error)" ;;
    *) die "cannot download $mirror$sums_url ($fetch_error)" ;;
  esac
fi

# Lines are "<sha256>  <file>" (a "*" before the name in binary mode).
suffix="_${os}_${arch}.tar.gz"
wanted="${binary}_${version}${suffix}"
if [ "$version" = latest ]; then wanted=""; fi
line=$(awk -v start="${binary}_" -v suffix="$suffix" -v wanted="$wanted" '
  { name = $2; sub(/^\*/, "", name) }
  wanted == "" && index(name, start) == 1 &&
    substr(name, length(name) - length(suffix) + 1) == suffix { print $1, name; exit }
  wanted != "" && name == wanted { print $1, name; exit }' "$tmp/SHA256SUMS")
[ -n "$line" ] || die "$release has no build for $os/$arch (see $base)"
expected=${line%% *}
archive=${line#* }
if [ "$version" = latest ]; then
  version=${archive#"${binary}_"}
  version=${version%"$suffix"}
  case "$version" in
    '' | *[!0-9A-Za-z.+-]*) die "unexpected file name in $mirror$sums_url: $archive" ;;
  esac
fi

archive_url="$base/download/v$version/$archive"
echo "Downloading $mirror$archive_url"
fetch "$archive_url" "$tmp/$archive" || die "cannot download $mirror$archive_url ($fetch_error)"

actual=$(sha256 "$tmp/$archive")
[ "$actual" = "$expected" ] ||
  die "checksum mismatch for $archive (expected $expected, got $actual); nothing installed"
echo "Verified SHA-256 $actual"

if ! tar -xzf "$tmp/$archive" -C "$tmp" "$binary" 2>/dev/null || ! [ -f "$tmp/$binary" ]; then
  die "$archive does not contain $binary; nothing installed"
fi

if ! mkdir -p "$prefix" 2>/dev/null || ! [ -d "$prefix" ] || ! [ -w "$prefix" ]; then
  die "cannot write to $prefix; choose another directory with --prefix (or run as its owner)"
fi
# Staged next to the target and renamed over it: a running ai-menshen keeps its old file.
staged="$prefix/.$binary.install.$$"
if ! cp "$tmp/$binary" "$staged" || ! chmod 0755 "$staged" || ! mv -f "$staged" "$prefix/$binary"
then
  die "cannot write to $prefix/$binary"
fi
staged=""

installed="$prefix/$binary"
installed_version=$("$installed" -version 2>&1) ||
  die "installed $installed, but it does not run here: $installed_version"
echo "Installed $installed"
printf '%s\n' "$installed_version"

command_name=$installed
case ":${PATH:-}:" in
  *":$prefix:"*) command_name=$binary ;;
  *) echo "Note: $prefix is not on your PATH; add it in your shell's profile." ;;
esac
# An upgrade keeps the config: printing "-gen-config > config.toml" again had an operator
# overwrite theirs (helper-68). The steps run where the service runs (its WorkingDirectory),
# so the relative database path names one file, and keep the secrets private (umask 077).
if [ -f "$HOME/.config/ai-menshen/config.toml" ]; then
  cat <<EOF

Your config ~/.config/ai-menshen/config.toml is kept. A gateway already running keeps the old
binary until it restarts: systemctl --user restart ai-menshen (or stop it and start it again).
EOF
else
  cat <<EOF

Next: write a config, then start the gateway:
  mkdir -p -m 700 ~/.config/ai-menshen && cd ~/.config/ai-menshen
  (umask 077 && $command_name -gen-config > config.toml)
  $command_name -config config.toml
EOF
fi
