#!/usr/bin/env bash
# Install a prebuilt agentlint release binary after verifying its SHA-256 checksum.
#
#   curl -fsSL https://raw.githubusercontent.com/agentlint/agentlint/v0.1.0/scripts/install.sh \
#     | bash -s -- --version 0.1.0
#   scripts/install.sh [--version X] [--to DIR] [--target TRIPLE]
#
# Options and environment:
#   --version X, AGENTLINT_VERSION   release to install (a leading "v" is accepted); default: the
#                                    version in Cargo.toml when run from an agentlint checkout
#   --to DIR                         where to put `agentlint` (default: $HOME/.local/bin)
#   --target T, AGENTLINT_TARGET     release target; default: detected from this machine
#                                    (Linux x86_64 takes the static musl build, which runs on
#                                    any distribution; set x86_64-unknown-linux-gnu to override)
#   AGENTLINT_RELEASE_BASE           URL of the directory holding the release archives; default
#                                    https://github.com/agentlint/agentlint/releases/download/vX.
#                                    Any URL curl accepts, e.g. file:///srv/mirror/v0.1.0
#
# The checksum is fetched from the same place as the archive: it proves the download is intact
# and complete, not who published it (that trust is in the URL, https by default).
#
# Exit codes: 0 installed; 1 a problem on this machine (unsupported platform, missing tool,
# unwritable directory); 2 usage; 3 no release asset could be downloaded, or it failed
# verification (nothing is installed, nothing downloaded is run); 4 the verified binary does not
# run on this machine (nothing is installed).
set -euo pipefail

prog=agentlint-install
repo_url=https://github.com/agentlint/agentlint

say() { printf '%s: %s\n' "$prog" "$*" >&2; }
die() {
  local code=$1
  shift
  printf '%s: error: %s\n' "$prog" "$*" >&2
  exit "$code"
}

usage() {
  cat >&2 <<'EOF'
usage: install.sh [--version X] [--to DIR] [--target TRIPLE]
Installs the agentlint release binary for this machine, checksum-verified.
Environment: AGENTLINT_VERSION, AGENTLINT_TARGET, AGENTLINT_RELEASE_BASE.
EOF
  exit "${1:-2}"
}

# The [package] field KEY of a Cargo.toml (same reading as scripts/package-release.sh).
cargo_field() {
  awk -v key="$2" '
    /^[[:space:]]*\[/ { in_pkg = ($0 ~ /^[[:space:]]*\[package\][[:space:]]*(#.*)?$/); next }
    in_pkg && $0 ~ "^[[:space:]]*" key "[[:space:]]*=" {
      v = $0
      sub(/^[^=]*=[[:space:]]*"/, "", v)
      sub(/".*$/, "", v)
      print v
      exit
    }' "$1"
}

version=${AGENTLINT_VERSION:-}
target=${AGENTLINT_TARGET:-}
to=

while [ $# -gt 0 ]; do
  case "$1" in
    --version) [ $# -ge 2 ] || usage; version=$2; shift 2 ;;
    --version=*) version=${1#--version=}; shift ;;
    --to) [ $# -ge 2 ] || usage; to=$2; shift 2 ;;
    --to=*) to=${1#--to=}; shift ;;
    --target) [ $# -ge 2 ] || usage; target=$2; shift 2 ;;
    --target=*) target=${1#--target=}; shift ;;
    -h | --help) usage 0 ;;
    *) say "unknown argument: $1"; usage ;;
  esac
done

# Run from a checkout (scripts/install.sh next to agentlint's Cargo.toml): that checkout's version
# is the default. Piped through `bash -s` there is no script file, and a version must be given.
if [ -z "$version" ]; then
  script=${BASH_SOURCE[0]:-}
  if [ -n "$script" ] && [ -f "$script" ]; then
    manifest=$(cd "$(dirname "$script")/.." && pwd)/Cargo.toml
    if [ -f "$manifest" ] && [ "$(cargo_field "$manifest" name)" = agentlint-perimeter ]; then
      version=$(cargo_field "$manifest" version)
    fi
  fi
fi
[ -n "$version" ] || die 2 "no version given: pass --version X (e.g. --version 0.1.0) or set AGENTLINT_VERSION"
version=${version#v}
# The version becomes part of a URL and of file names: only a plain semantic version is accepted.
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] ||
  die 2 "'$version' is not a release version (expected e.g. 0.1.0)"

if [ -z "$target" ]; then
  os=$(uname -s)
  arch=$(uname -m)
  case "$arch" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
  esac
  # A shell under Rosetta reports x86_64 on Apple silicon; the native build is the better choice.
  if [ "$os" = Darwin ] && [ "$arch" = x86_64 ] &&
    [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || true)" = 1 ]; then
    arch=aarch64
  fi
  case "$os/$arch" in
    Linux/x86_64) target=x86_64-unknown-linux-musl ;;
    Linux/aarch64) target=aarch64-unknown-linux-gnu ;;
    Darwin/x86_64) target=x86_64-apple-darwin ;;
    Darwin/aarch64) target=aarch64-apple-darwin ;;
    MINGW*/x86_64 | MSYS*/x86_64 | CYGWIN*/x86_64) target=x86_64-pc-windows-msvc ;;
    *)
      die 1 "no prebuilt agentlint for $os/$arch; build it from source instead:
  cargo install --git $repo_url --tag v$version --locked agentlint-perimeter"
      ;;
  esac
fi

exe=
case "$target" in
  x86_64-unknown-linux-gnu | aarch64-unknown-linux-gnu | x86_64-unknown-linux-musl | \
    x86_64-apple-darwin | aarch64-apple-darwin) ;;
  x86_64-pc-windows-msvc) exe=.exe ;;
  *) die 2 "unknown target '$target' (one of x86_64-unknown-linux-gnu, aarch64-unknown-linux-gnu, x86_64-unknown-linux-musl, x86_64-apple-darwin, aarch64-apple-darwin, x86_64-pc-windows-msvc)" ;;
esac

to=${to:-${HOME:?HOME is not set; pass --to DIR}/.local/bin}

base=${AGENTLINT_RELEASE_BASE:-$repo_url/releases/download/v$version}
base=${base%/}
name=agentlint-v$version-$target
if [ -n "$exe" ]; then archive=$name.zip; else archive=$name.tar.gz; fi

if command -v sha256sum >/dev/null 2>&1; then
  sha_cmd=(sha256sum)
elif command -v shasum >/dev/null 2>&1; then
  sha_cmd=(shasum -a 256)
else
  die 1 "neither sha256sum nor shasum is installed: cannot verify the download"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/agentlint-install.XXXXXX")
staged=
cleanup() {
  rm -rf "$tmp"
  if [ -n "$staged" ]; then rm -f "$staged"; fi
}
trap cleanup EXIT

fetch() {
  # --proto-redir: a redirect may not leave https (GitHub redirects assets to its CDN).
  if command -v curl >/dev/null 2>&1; then
    curl --fail --silent --show-error --location --retry 3 --proto-redir '=https' \
      --output "$2" "$1"
  elif command -v wget >/dev/null 2>&1 && [[ $1 != file://* ]]; then
    wget --quiet --output-document="$2" "$1"
  else
    die 1 "curl is needed to download $1"
  fi
}

say "downloading $base/$archive"
fetch "$base/$archive" "$tmp/$archive" ||
  die 3 "could not download $base/$archive (is there a v$version release for $target?)"
fetch "$base/$archive.sha256" "$tmp/$archive.sha256" ||
  die 3 "could not download the checksum $base/$archive.sha256; refusing to install unverified"

# "<hex>  <name>" (or "<hex> *<name>"); a CR is dropped in case the file went through Windows.
line=$(head -n 1 "$tmp/$archive.sha256" | tr -d '\r')
want_hex=${line%% *}
want_name=${line#"$want_hex"}
want_name=${want_name# }
want_name=${want_name# }
want_name=${want_name#\*}
[[ $want_hex =~ ^[0-9a-fA-F]{64}$ ]] ||
  die 3 "$archive.sha256 is not a SHA-256 checksum file; refusing to install"
[ "$want_name" = "$archive" ] ||
  die 3 "$archive.sha256 is the checksum of '$want_name', not of $archive; refusing to install"
got=$("${sha_cmd[@]}" <"$tmp/$archive")
got=${got%% *}
want_hex=$(printf '%s' "$want_hex" | tr '[:upper:]' '[:lower:]')
if [ "$got" != "$want_hex" ]; then
  die 3 "checksum mismatch for $archive: expected $want_hex, got $got.
The download is corrupt or was tampered with; nothing was installed."
fi
say "checksum verified ($got)"

# Only the binary is extracted, by its exact member name: nothing else from the archive reaches
# the disk, so a path inside the archive cannot point outside the temporary directory.
member=$name/agentlint$exe
mkdir "$tmp/x"
if [ -n "$exe" ]; then
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$tmp/$archive" "$member" -d "$tmp/x" || true
  elif command -v 7z >/dev/null 2>&1; then
    7z x -y -bd -o"$tmp/x" "$tmp/$archive" "$member" >/dev/null || true
  else
    py=
    for cand in python3 python; do
      if "$cand" -c '' >/dev/null 2>&1; then py=$cand; break; fi
    done
    [ -n "$py" ] || die 1 "need unzip, 7z or python to extract $archive"
    "$py" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])' \
      "$tmp/$archive" "$member" "$tmp/x" || true
  fi
else
  tar -xzf "$tmp/$archive" -C "$tmp/x" "$member" || true
fi
bin=$tmp/x/$member
[ -f "$bin" ] || die 3 "$archive does not contain $member; refusing to install"
chmod 0755 "$bin"

# The checksum verified, so the binary may run: a binary that does not run here (wrong libc,
# wrong architecture) or does not report the version it was released as is not installed.
if ! reported=$("$bin" --version 2>&1); then
  die 4 "the verified agentlint for $target does not run on this machine:
$reported
Build it from source instead: cargo install --git $repo_url --tag v$version --locked agentlint-perimeter"
fi
[ "$reported" = "agentlint $version" ] ||
  die 3 "$archive holds a binary reporting '$reported', not agentlint $version; refusing to install"

mkdir -p "$to" || die 1 "cannot create $to"
dest=$to/agentlint$exe
# Copy under a temporary name in DIR, then rename: an existing agentlint is replaced in one step
# and never left half-written.
staged=$to/.agentlint-install.$$${exe}
cp "$bin" "$staged" || die 1 "cannot write to $to"
chmod 0755 "$staged"
mv -f "$staged" "$dest" || die 1 "cannot install $dest"
staged=

printf 'installed %s\n' "$dest"
"$dest" --version
case ":${PATH:-}:" in
  *":$to:"*) ;;
  *) say "note: $to is not on PATH; add it, e.g. export PATH=\"$to:\$PATH\"" ;;
esac
