#!/usr/bin/env bash
# End-to-end check of the release path, with no network: package the host's release binary the
# way .github/workflows/release.yml does, then install it with scripts/install.sh and
# scripts/action-install.sh from a file:// "release", refuse corrupted or missing releases, and
# run action.yml's own step scripts (download, --fail-on, verdict) against a fake runner.
#
# Reuses target/release (cargo build --release); under two minutes when that is up to date.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

tmp=$(mktemp -d "${TMPDIR:-/tmp}/agentlint-release-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

ok() { printf 'ok: %s\n' "$*"; }
fail() {
  printf 'FAIL: %s\n' "$*" >&2
  exit 1
}

# Runs a command expecting exit CODE; its output goes to $tmp/last.log and is shown on failure.
expect_exit() {
  local want=$1 got=0
  shift
  "$@" >"$tmp/last.log" 2>&1 || got=$?
  if [ "$got" -ne "$want" ]; then
    cat "$tmp/last.log" >&2
    fail "expected exit $want, got $got: $*"
  fi
}

# True when DIR holds nothing: no agentlint, no half-copied temporary file.
empty_dir() {
  [ ! -e "$1" ] || [ -z "$(ls -A "$1")" ]
}

version=$(scripts/package-release.sh --print-version)
host=$(rustc -vV | sed -n 's/^host: //p')
case "$host" in
  x86_64-unknown-linux-gnu) runner_os=Linux runner_arch=X64 ;;
  aarch64-unknown-linux-gnu) runner_os=Linux runner_arch=ARM64 ;;
  x86_64-apple-darwin) runner_os=macOS runner_arch=X64 ;;
  aarch64-apple-darwin) runner_os=macOS runner_arch=ARM64 ;;
  *) fail "this check runs on a Linux or macOS host with a release target, not $host" ;;
esac
archive=agentlint-v$version-$host.tar.gz

if command -v shellcheck >/dev/null 2>&1; then
  shellcheck scripts/package-release.sh scripts/install.sh scripts/action-install.sh .ci/release-check.sh
  ok "shellcheck: release scripts are clean"
else
  echo "skip: shellcheck not installed"
fi

echo "== cargo build --release"
cargo build --release --quiet

echo "== package-release.sh $host"
dist=$tmp/dist
# An empty BINARY means the default: target/$host/release/agentlint, else target/release.
scripts/package-release.sh "$host" "" "$dist" >/dev/null
for f in "$archive" "$archive.sha256" SHA256SUMS; do
  [ -f "$dist/$f" ] || fail "package-release.sh did not write $f"
done
(cd "$dist" && sha256sum --check --strict --quiet "$archive.sha256" && sha256sum --check --strict --quiet SHA256SUMS) ||
  fail "the checksum files do not match the archive"
grep -qxE "[0-9a-f]{64}  $archive" "$dist/$archive.sha256" || fail "$archive.sha256 is not '<hex>  <name>'"
listing=$(tar -tzf "$dist/$archive" | LC_ALL=C sort | tr '\n' ' ')
want="agentlint-v$version-$host/ agentlint-v$version-$host/LICENSE-APACHE agentlint-v$version-$host/LICENSE-MIT agentlint-v$version-$host/README.md agentlint-v$version-$host/agentlint "
[ "$listing" = "$want" ] || fail "unexpected archive layout: $listing"
ok "packaged $archive with its .sha256 and SHA256SUMS, layout as agreed"

# Packaging again refreshes the SHA256SUMS line instead of adding a second one, and keeps lines
# of other archives.
printf '%064d  agentlint-v%s-aarch64-apple-darwin.tar.gz\n' 0 "$version" >>"$dist/SHA256SUMS"
scripts/package-release.sh "$host" "" "$dist" >/dev/null
[ "$(grep -c " $archive\$" "$dist/SHA256SUMS")" = 1 ] || fail "SHA256SUMS has duplicate lines for $archive"
[ "$(wc -l <"$dist/SHA256SUMS")" -eq 2 ] || fail "SHA256SUMS lost another archive's line"
sed -i.bak '/aarch64-apple-darwin/d' "$dist/SHA256SUMS" && rm -f "$dist/SHA256SUMS.bak"
ok "repackaging refreshes SHA256SUMS in place"

expect_exit 1 scripts/package-release.sh "$host" "$tmp/no-such-binary" "$tmp/dist-x"
grep -q "no binary at" "$tmp/last.log" || fail "no clear error for a missing binary"
expect_exit 1 scripts/package-release.sh sparc-sun-solaris "" "$tmp/dist-x"
ok "package-release.sh refuses a missing binary and an unknown target"

base=file://$dist

echo "== (a) install.sh from a file:// release"
bin_a=$tmp/bin-a
AGENTLINT_RELEASE_BASE=$base AGENTLINT_TARGET=$host scripts/install.sh --to "$bin_a" >"$tmp/a.log" 2>&1 ||
  { cat "$tmp/a.log" >&2; fail "install.sh failed"; }
[ "$("$bin_a/agentlint" --version)" = "agentlint $version" ] || fail "installed agentlint does not report $version"
grep -qx "installed $bin_a/agentlint" "$tmp/a.log" || fail "install.sh did not print the installed path"
grep -qx "agentlint $version" "$tmp/a.log" || fail "install.sh did not print agentlint --version"
ok "install.sh installed agentlint $version (version from the checkout's Cargo.toml)"

# Outside a checkout (what `curl | bash` is) a version is required; --version accepts a "v".
mkdir "$tmp/standalone"
cp scripts/install.sh "$tmp/standalone/install.sh"
expect_exit 2 env AGENTLINT_RELEASE_BASE="$base" AGENTLINT_TARGET="$host" bash "$tmp/standalone/install.sh" --to "$tmp/bin-s"
grep -q "no version given" "$tmp/last.log" || fail "no clear error without a version"
expect_exit 0 env AGENTLINT_RELEASE_BASE="$base" AGENTLINT_TARGET="$host" bash "$tmp/standalone/install.sh" --version "v$version" --to "$tmp/bin-s"
[ -x "$tmp/bin-s/agentlint" ] || fail "standalone install.sh --version v$version installed nothing"
expect_exit 0 env AGENTLINT_RELEASE_BASE="$base" AGENTLINT_TARGET="$host" AGENTLINT_VERSION="$version" bash "$tmp/standalone/install.sh" --to "$tmp/bin-s2"
[ -x "$tmp/bin-s2/agentlint" ] || fail "standalone install.sh with AGENTLINT_VERSION installed nothing"
expect_exit 2 env AGENTLINT_RELEASE_BASE="$base" bash "$tmp/standalone/install.sh" --version "1.0/../../x" --to "$tmp/bin-s3"
ok "outside a checkout install.sh needs --version or AGENTLINT_VERSION, and rejects a malformed one"

echo "== (b) action-install.sh as on a $runner_os $runner_arch runner"
bin_b=$tmp/runner/agentlint-bin/bin
expect_exit 0 env RUNNER_OS="$runner_os" RUNNER_ARCH="$runner_arch" AGENTLINT_TARGET="$host" \
  AGENTLINT_RELEASE_BASE="$base" scripts/action-install.sh "$bin_b"
[ "$("$bin_b/agentlint" --version)" = "agentlint $version" ] || fail "action-install.sh's agentlint does not run"
ok "action-install.sh installed a working agentlint"
if [ "$runner_os/$runner_arch" = Linux/X64 ]; then
  # Without AGENTLINT_TARGET a Linux X64 runner asks for the musl archive, absent here: exit 3.
  expect_exit 3 env RUNNER_OS=Linux RUNNER_ARCH=X64 AGENTLINT_TARGET= AGENTLINT_RELEASE_BASE="$base" \
    scripts/action-install.sh "$tmp/bin-musl"
  grep -q "agentlint-v$version-x86_64-unknown-linux-musl.tar.gz" "$tmp/last.log" || fail "Linux X64 did not map to musl"
  empty_dir "$tmp/bin-musl" || fail "a failed action-install.sh left files behind"
  ok "Linux X64 maps to the musl archive, and its absence exits 3"
fi
expect_exit 3 env RUNNER_OS=Linux RUNNER_ARCH=ARM AGENTLINT_TARGET= AGENTLINT_RELEASE_BASE="$base" \
  scripts/action-install.sh "$tmp/bin-arm"
ok "an unsupported runner (Linux ARM) exits 3"

echo "== (c) corrupted releases are refused, and nothing from them runs"
marker=$tmp/unverified-binary-ran
# A release whose archive was swapped for one with a binary that leaves a marker when run, next
# to the genuine .sha256: the scripts must refuse it without running it.
evil=$tmp/evil
mkdir -p "$evil/pkg/agentlint-v$version-$host"
printf '#!/bin/sh\ntouch "%s"\necho "agentlint %s"\n' "$marker" "$version" >"$evil/pkg/agentlint-v$version-$host/agentlint"
chmod +x "$evil/pkg/agentlint-v$version-$host/agentlint"
tar -czf "$evil/$archive" -C "$evil/pkg" "agentlint-v$version-$host"
cp "$dist/$archive.sha256" "$evil/"
# A release whose archive lost its last byte.
trunc=$tmp/truncated
mkdir "$trunc"
head -c "$(($(wc -c <"$dist/$archive") - 1))" "$dist/$archive" >"$trunc/$archive"
cp "$dist/$archive.sha256" "$trunc/"
# A genuine archive with a wrong checksum, one whose .sha256 names another file, one with none.
badsum=$tmp/badsum
mkdir "$badsum"
cp "$dist/$archive" "$badsum/"
printf '%064d  %s\n' 0 "$archive" >"$badsum/$archive.sha256"
othername=$tmp/othername
mkdir "$othername"
cp "$dist/$archive" "$othername/"
sed "s/  .*/  agentlint-v$version-x86_64-apple-darwin.tar.gz/" "$dist/$archive.sha256" >"$othername/$archive.sha256"
nosum=$tmp/nosum
mkdir "$nosum"
cp "$dist/$archive" "$nosum/"

for bad in "$evil" "$trunc" "$badsum" "$othername" "$nosum"; do
  what=${bad##*/}
  dest=$tmp/bin-$what
  expect_exit 3 env AGENTLINT_RELEASE_BASE="file://$bad" AGENTLINT_TARGET="$host" scripts/install.sh --to "$dest"
  grep -q "refusing to install\|nothing was installed" "$tmp/last.log" || fail "install.sh ($what): no clear refusal message"
  empty_dir "$dest" || fail "install.sh ($what) installed something"
  expect_exit 3 env RUNNER_OS="$runner_os" RUNNER_ARCH="$runner_arch" AGENTLINT_TARGET="$host" \
    AGENTLINT_RELEASE_BASE="file://$bad" scripts/action-install.sh "$dest"
  empty_dir "$dest" || fail "action-install.sh ($what) installed something"
  [ ! -e "$marker" ] || fail "an unverified binary was run ($what)"
  ok "refused: $what (install.sh exit 3, action-install.sh exit 3, nothing installed, nothing run)"
done
grep -q "checksum mismatch" <(env AGENTLINT_RELEASE_BASE="file://$evil" AGENTLINT_TARGET="$host" scripts/install.sh --to "$tmp/bin-evil" 2>&1 || true) ||
  fail "install.sh does not say 'checksum mismatch'"

# A failed install leaves an existing agentlint alone.
mkdir -p "$tmp/bin-keep"
printf '#!/bin/sh\necho previous\n' >"$tmp/bin-keep/agentlint"
chmod +x "$tmp/bin-keep/agentlint"
expect_exit 3 env AGENTLINT_RELEASE_BASE="file://$badsum" AGENTLINT_TARGET="$host" scripts/install.sh --to "$tmp/bin-keep"
[ "$("$tmp/bin-keep/agentlint")" = previous ] || fail "a refused install touched the existing agentlint"
[ "$(ls -A "$tmp/bin-keep")" = agentlint ] || fail "a refused install left files behind"
ok "a refused install leaves the installed agentlint as it was"

echo "== (d) a version without a release"
expect_exit 3 env RUNNER_OS="$runner_os" RUNNER_ARCH="$runner_arch" AGENTLINT_TARGET="$host" \
  AGENTLINT_VERSION=99.0.0 AGENTLINT_RELEASE_BASE="$base" scripts/action-install.sh "$tmp/bin-d"
empty_dir "$tmp/bin-d" || fail "action-install.sh installed something for a missing release"
expect_exit 3 env AGENTLINT_RELEASE_BASE="$base" AGENTLINT_TARGET="$host" scripts/install.sh --version 99.0.0 --to "$tmp/bin-d"
ok "a missing release: action-install.sh exits 3, install.sh exits 3"

echo "== (f) action.yml's step scripts"
# The scripts are taken from action.yml itself and run by bash as the runner would; agentlint is
# replaced by a fake that records its arguments.
python3 - "$root/action.yml" "$tmp/steps" <<'EOF'
import os, re, sys
import yaml

action = yaml.safe_load(open(sys.argv[1]))
out = sys.argv[2]
os.makedirs(out)
steps = {s.get("id") or s["name"]: s for s in action["runs"]["steps"]}
for key in ("download", "run", "Verdict"):
    open(os.path.join(out, key + ".sh"), "w").write(steps[key]["run"])
# Security stance: no ${{ }} expression inside any script; inputs only reach it through env.
for s in action["runs"]["steps"]:
    if "${{" in s.get("run", ""):
        sys.exit("action.yml: a run script interpolates an expression: " + s["name"])
    u = s.get("uses")
    if u and not re.fullmatch(r"[^@]+@[0-9a-f]{40}", u):
        sys.exit("action.yml: not pinned by commit SHA: " + u)
# The source build only runs when the download did not install agentlint.
order = [s.get("id") or s["name"] for s in action["runs"]["steps"]]
assert order[0] == "download", order
for s in action["runs"]["steps"][1:5]:
    assert "steps.download.outputs.installed != 'true'" in s.get("if", ""), s["name"]
inputs = action["inputs"]
assert inputs["fail-on"]["default"] == "", "fail-on must default to empty"
assert inputs["version"]["default"] == "" and inputs["release-base"]["default"] == ""
EOF
ok "action.yml: download step first, source build only as fallback, no expression in scripts, actions pinned"

runner=$tmp/action-runner
mkdir -p "$runner"
run_step() { # STEP OUTPUT-FILE [VAR=VALUE...]
  local step=$1 out=$2
  shift 2
  : >"$out"
  env GITHUB_ACTION_PATH="$root" RUNNER_TEMP="$runner" GITHUB_OUTPUT="$out" \
    RUNNER_OS="$runner_os" RUNNER_ARCH="$runner_arch" "$@" bash --noprofile --norc -eo pipefail "$tmp/steps/$step.sh"
}
run_step download "$tmp/out-dl" AGENTLINT_TARGET="$host" AGENTLINT_VERSION= AGENTLINT_RELEASE_BASE="$base" >"$tmp/last.log" 2>&1 ||
  { cat "$tmp/last.log" >&2; fail "the download step failed"; }
grep -qx "installed=true" "$tmp/out-dl" || fail "the download step did not report installed=true"
[ "$("$runner/agentlint-bin/bin/agentlint" --version)" = "agentlint $version" ] || fail "the download step's agentlint does not run"
ok "action download step: installed=true, binary where the run step looks"
run_step download "$tmp/out-dl2" AGENTLINT_TARGET="$host" AGENTLINT_VERSION=99.0.0 \
  AGENTLINT_RELEASE_BASE="$base" RUNNER_TEMP="$tmp/runner-none" >"$tmp/last.log" 2>&1 ||
  fail "the download step failed instead of falling back"
grep -qx "installed=false" "$tmp/out-dl2" || fail "no installed=false for a missing release"
grep -q "::notice::" "$tmp/last.log" || fail "no notice about building from source"
run_step download "$tmp/out-dl3" AGENTLINT_TARGET="$host" AGENTLINT_VERSION= \
  AGENTLINT_RELEASE_BASE="file://$evil" RUNNER_TEMP="$tmp/runner-evil" >"$tmp/last.log" 2>&1 ||
  fail "the download step failed instead of falling back"
grep -qx "installed=false" "$tmp/out-dl3" || fail "no installed=false for a corrupted release"
empty_dir "$tmp/runner-evil/agentlint-bin/bin" || fail "the download step installed a corrupted release"
[ ! -e "$marker" ] || fail "the download step ran an unverified binary"
ok "action download step: a missing or corrupted release gives installed=false (source build), step succeeds"

# The run step with a fake agentlint that records its arguments one per line.
mkdir -p "$tmp/fake/agentlint-bin/bin"
cat >"$tmp/fake/agentlint-bin/bin/agentlint" <<FAKE
#!/bin/sh
printf '%s\n' "\$@" > "$tmp/args"
exit "\${FAKE_EXIT:-0}"
FAKE
chmod +x "$tmp/fake/agentlint-bin/bin/agentlint"
run_fake() { # FAIL_ON ARGS [ANNOTATIONS]
  run_step run "$tmp/out-run" RUNNER_TEMP="$tmp/fake" AGENTLINT_PATHS=". docs" AGENTLINT_ARGS="$2" \
    AGENTLINT_FAIL_ON="$1" AGENTLINT_SARIF="$tmp/out.sarif" AGENTLINT_ANNOTATIONS="${3:-false}"
}
run_fake "" "" || fail "the run step failed"
[ "$(tr '\n' ' ' <"$tmp/args")" = "check . docs --format sarif " ] || fail "fail-on empty: unexpected arguments: $(cat "$tmp/args")"
run_fake "error" "--ignore AL303" || fail "the run step failed"
[ "$(tr '\n' ' ' <"$tmp/args")" = "check . docs --format sarif --fail-on error --ignore AL303 " ] ||
  fail "fail-on error: unexpected arguments: $(cat "$tmp/args")"
FAKE_EXIT=1 run_fake "" "" || fail "the run step failed on exit 1"
grep -qx "exit-code=1" "$tmp/out-run" || fail "the run step did not record exit-code=1"
# With annotations, the second call (the one recorded last) gets the same threshold.
FAKE_EXIT=1 run_fake "error" "" true || fail "the run step failed with annotations"
[ "$(tr '\n' ' ' <"$tmp/args")" = "check . docs --format github --fail-on error " ] ||
  fail "annotations, fail-on error: unexpected arguments: $(cat "$tmp/args")"
FAKE_EXIT=1 run_fake "" "" true || fail "the run step failed with annotations"
[ "$(tr '\n' ' ' <"$tmp/args")" = "check . docs --format github " ] ||
  fail "annotations, fail-on empty: unexpected arguments: $(cat "$tmp/args")"
ok "action run step: --fail-on only when the input is set; exit code recorded"

verdict() { # CODE FAIL_ON
  env CODE="$1" FAIL_ON="$2" bash --noprofile --norc -eo pipefail "$tmp/steps/Verdict.sh"
}
[ "$(verdict 0 "")" = "agentlint: no finding at or above the configured threshold" ] || fail "verdict, fail-on empty, clean"
[ "$(verdict 0 warning)" = "agentlint: no finding at or above warning" ] || fail "verdict, fail-on warning, clean"
out=$(verdict 1 "") && fail "verdict with findings did not fail"
[[ $out == *"findings at or above the configured threshold"* ]] || fail "verdict, fail-on empty, findings: $out"
expect_exit 2 verdict 2 ""
ok "action verdict: names the configured threshold when fail-on is empty"

python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' .github/workflows/release.yml ||
  fail ".github/workflows/release.yml is not valid YAML"
if grep -E '^\s*-?\s*uses:' .github/workflows/release.yml | grep -vqE 'uses: [^@ ]+@[0-9a-f]{40} # '; then
  fail "release.yml: an action is not pinned by commit SHA with a tag comment"
fi
ok "release.yml parses and pins every action by commit SHA"

echo "release check passed"
