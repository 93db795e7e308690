#!/usr/bin/env bash
# Package one release archive of agentlint from an already-built binary.
#
#   scripts/package-release.sh TARGET [BINARY] [OUTDIR]
#   scripts/package-release.sh --print-version
#
# Writes, in OUTDIR (default: dist/ at the repository root):
#   agentlint-v{VERSION}-{TARGET}.tar.gz     (.zip for Windows targets), holding one top folder
#                                            agentlint-v{VERSION}-{TARGET}/ with agentlint (or
#                                            agentlint.exe), LICENSE-MIT, LICENSE-APACHE, README.md
#   <archive>.sha256                         "<hex>  <archive name>" (sha256sum format)
#   SHA256SUMS                               this archive's line added or refreshed
#
# These names are a contract: scripts/install.sh, the action (action.yml), cargo-binstall
# (Cargo.toml's package.metadata.binstall) and the VS Code extension download exactly them.
#
# BINARY defaults to target/TARGET/release/agentlint (CARGO_TARGET_DIR is honoured), or to
# target/release/agentlint when TARGET is the host and nothing was built for an explicit target.
# An empty BINARY argument means the default, so that OUTDIR can be given alone.
# VERSION is the [package] version of the repository's Cargo.toml. SOURCE_DATE_EPOCH, when set,
# fixes the timestamps inside the archive (with GNU tar).
set -euo pipefail

prog=package-release
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

die() {
  printf '%s: error: %s\n' "$prog" "$*" >&2
  exit 1
}

usage() {
  cat >&2 <<'EOF'
usage: scripts/package-release.sh TARGET [BINARY] [OUTDIR]
       scripts/package-release.sh --print-version
targets: x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu x86_64-unknown-linux-musl
         x86_64-apple-darwin aarch64-apple-darwin x86_64-pc-windows-msvc
EOF
  exit "${1:-2}"
}

# The [package] version of a Cargo.toml. A TOML parser would be exact; this reads the simple
# `version = "x.y.z"` line that Cargo.toml has, and stops at the first table after [package].
cargo_version() {
  awk '
    /^[[:space:]]*\[/ { in_pkg = ($0 ~ /^[[:space:]]*\[package\][[:space:]]*(#.*)?$/); next }
    in_pkg && /^[[:space:]]*version[[:space:]]*=/ {
      v = $0
      sub(/^[^=]*=[[:space:]]*"/, "", v)
      sub(/".*$/, "", v)
      print v
      exit
    }' "$1"
}

# Hex SHA-256 of a file. Reading stdin keeps the file name out of the output (GNU tools escape
# unusual names, and MSYS sha256sum may mark binary mode with `*`); only the first field is kept.
sha256_of() {
  local out
  if command -v sha256sum >/dev/null 2>&1; then
    out=$(sha256sum <"$1")
  elif command -v shasum >/dev/null 2>&1; then
    out=$(shasum -a 256 <"$1")
  else
    die "neither sha256sum nor shasum is installed"
  fi
  out=${out%% *}
  [[ $out =~ ^[0-9a-f]{64}$ ]] || die "unexpected checksum output for $1: $out"
  printf '%s\n' "$out"
}

[ $# -ge 1 ] || usage
case "$1" in
  -h | --help) usage 0 ;;
  --print-version)
    version=$(cargo_version "$root/Cargo.toml")
    [ -n "$version" ] || die "no [package] version in $root/Cargo.toml"
    printf '%s\n' "$version"
    exit 0
    ;;
esac
[ $# -le 3 ] || usage

target=$1
binary=${2:-}
outdir=${3:-$root/dist}

exe=
case "$target" in
  x86_64-unknown-linux-gnu | aarch64-unknown-linux-gnu | x86_64-unknown-linux-musl | \
    x86_64-apple-darwin | aarch64-apple-darwin) ;;
  x86_64-pc-windows-msvc) exe=.exe ;;
  *) die "unknown target '$target' (see --help for the six release targets)" ;;
esac

version=$(cargo_version "$root/Cargo.toml")
[ -n "$version" ] || die "no [package] version in $root/Cargo.toml"

host=
if command -v rustc >/dev/null 2>&1; then
  host=$(rustc -vV | sed -n 's/^host: //p')
fi

if [ -z "$binary" ]; then
  target_dir=${CARGO_TARGET_DIR:-$root/target}
  binary=$target_dir/$target/release/agentlint$exe
  # `cargo build --release` without --target puts the host binary in target/release.
  if [ ! -f "$binary" ] && [ "$target" = "$host" ]; then
    binary=$target_dir/release/agentlint$exe
  fi
fi
[ -f "$binary" ] || die "no binary at $binary (build it first: cargo build --release --locked --target $target)"

for f in LICENSE-MIT LICENSE-APACHE README.md; do
  [ -f "$root/$f" ] || die "missing $root/$f, which every archive carries"
done

name=agentlint-v$version-$target
if [ -n "$exe" ]; then archive=$name.zip; else archive=$name.tar.gz; fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/agentlint-package.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

mkdir "$tmp/$name"
cp "$binary" "$tmp/$name/agentlint$exe"
cp "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$root/README.md" "$tmp/$name/"
chmod 0755 "$tmp/$name" "$tmp/$name/agentlint$exe"
chmod 0644 "$tmp/$name/LICENSE-MIT" "$tmp/$name/LICENSE-APACHE" "$tmp/$name/README.md"

# A binary that runs here must report the version it is released as: this catches packaging a
# stale build after Cargo.toml's version was bumped. Binaries for other targets cannot be run.
if [ "$target" = "$host" ]; then
  reported=$("$tmp/$name/agentlint$exe" --version) || die "$binary --version failed"
  [ "$reported" = "agentlint $version" ] ||
    die "$binary reports '$reported' but Cargo.toml says $version (stale build?)"
fi

if [ -n "$exe" ]; then
  # Windows runners have 7-Zip but Git Bash has no zip; python is the last resort.
  if command -v zip >/dev/null 2>&1; then
    (cd "$tmp" && zip -q -r -X "$archive" "$name")
  elif command -v 7z >/dev/null 2>&1; then
    (cd "$tmp" && 7z a -tzip -bd -y "$archive" "$name" >/dev/null)
  elif command -v python3 >/dev/null 2>&1; then
    (cd "$tmp" && python3 -m zipfile -c "$archive" "$name")
  else
    die "need zip, 7z or python3 to build $archive"
  fi
else
  tar_flags=()
  # GNU tar can drop the builder's user names and order entries: archives then differ only by
  # content. BSD tar (macOS) lacks these flags; COPYFILE_DISABLE keeps its ._* files out.
  if tar --version 2>/dev/null | grep -q 'GNU tar'; then
    tar_flags=(--owner=0 --group=0 --numeric-owner --sort=name)
    if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
      tar_flags+=("--mtime=@$SOURCE_DATE_EPOCH")
    fi
  fi
  # gzip -n: no name or timestamp in the gzip header.
  (cd "$tmp" && COPYFILE_DISABLE=1 tar ${tar_flags[@]+"${tar_flags[@]}"} -cf - "$name") |
    gzip -9 -n >"$tmp/$archive"
fi

hex=$(sha256_of "$tmp/$archive")
printf '%s  %s\n' "$hex" "$archive" >"$tmp/$archive.sha256"

mkdir -p "$outdir"
# Archive first, then its checksum: a reader never sees a .sha256 without its archive.
mv -f "$tmp/$archive" "$outdir/$archive"
mv -f "$tmp/$archive.sha256" "$outdir/$archive.sha256"

# SHA256SUMS: drop any older line for this archive, add the new one, keep the file sorted by name
# so that packaging targets in any order gives the same file.
sums=$outdir/SHA256SUMS
{
  if [ -f "$sums" ]; then
    awk -v n="$archive" '$2 != n && $2 != "*" n' "$sums"
  fi
  printf '%s  %s\n' "$hex" "$archive"
} | LC_ALL=C sort -k2,2 >"$tmp/SHA256SUMS"
mv -f "$tmp/SHA256SUMS" "$sums"

printf '%s\n' "$outdir/$archive" "$outdir/$archive.sha256" "$sums"
