// Unit tests for src/binary.ts with Node's built-in runner (no VS Code): `npm test`.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, test } from "node:test";
import { pathToFileURL } from "node:url";

import {
  archiveName,
  checkEntries,
  ChecksumMismatchError,
  ConfiguredPathError,
  download,
  downloadedBinaryPath,
  downloadPolicy,
  findOnPath,
  installRelease,
  parseChecksumFile,
  releaseBase,
  releaseUrls,
  resolveBinary,
  ResolveInput,
  Target,
  targetFor,
  userConfiguredPath,
  verifyChecksum,
  workspaceTriedToSet,
} from "../src/binary";

const VERSION = "0.1.0";
const MUSL = targetFor("linux", "x64") as Target;
const tmpRoots: string[] = [];

function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentlint-vscode-test-"));
  tmpRoots.push(dir);
  return dir;
}

after(() => {
  for (const dir of tmpRoots) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

describe("target mapping", () => {
  test("every supported platform maps to its release target", () => {
    const cases: [string, string, string, string][] = [
      ["linux", "x64", "x86_64-unknown-linux-musl", ".tar.gz"],
      ["linux", "arm64", "aarch64-unknown-linux-gnu", ".tar.gz"],
      ["darwin", "x64", "x86_64-apple-darwin", ".tar.gz"],
      ["darwin", "arm64", "aarch64-apple-darwin", ".tar.gz"],
      ["win32", "x64", "x86_64-pc-windows-msvc", ".zip"],
    ];
    for (const [platform, arch, triple, ext] of cases) {
      const target = targetFor(platform, arch);
      assert.ok(target, `${platform}-${arch}`);
      assert.equal(target.triple, triple);
      assert.equal(target.archiveExt, ext);
      assert.equal(target.exe, platform === "win32" ? "agentlint.exe" : "agentlint");
    }
  });

  test("unsupported platforms have no target", () => {
    for (const [platform, arch] of [
      ["linux", "ia32"],
      ["linux", "arm"],
      ["win32", "arm64"],
      ["win32", "ia32"],
      ["freebsd", "x64"],
    ]) {
      assert.equal(targetFor(platform, arch), undefined, `${platform}-${arch}`);
    }
  });
});

describe("release URLs", () => {
  test("the GitHub release by default", () => {
    const urls = releaseUrls(VERSION, MUSL, {});
    assert.equal(urls.archiveName, "agentlint-v0.1.0-x86_64-unknown-linux-musl.tar.gz");
    assert.equal(
      urls.archive,
      "https://github.com/agentlint/agentlint/releases/download/v0.1.0/agentlint-v0.1.0-x86_64-unknown-linux-musl.tar.gz"
    );
    assert.equal(urls.checksum, urls.archive + ".sha256");
  });

  test("Windows uses the zip", () => {
    const win = targetFor("win32", "x64") as Target;
    assert.equal(archiveName("1.2.3", win), "agentlint-v1.2.3-x86_64-pc-windows-msvc.zip");
  });

  test("AGENTLINT_RELEASE_BASE overrides the base, with {version} substituted and trailing slashes dropped", () => {
    assert.equal(
      releaseBase("2.0.0", { AGENTLINT_RELEASE_BASE: "https://mirror.example/agentlint/v{version}/" }),
      "https://mirror.example/agentlint/v2.0.0"
    );
    assert.equal(releaseBase("2.0.0", { AGENTLINT_RELEASE_BASE: "file:///srv/rel" }), "file:///srv/rel");
    assert.equal(
      releaseBase("2.0.0", { AGENTLINT_RELEASE_BASE: "   " }),
      "https://github.com/agentlint/agentlint/releases/download/v2.0.0"
    );
  });
});

describe("checksums", () => {
  const name = "agentlint-v0.1.0-x86_64-unknown-linux-musl.tar.gz";
  const hex = "a".repeat(64);

  test("the .sha256 format is parsed", () => {
    assert.equal(parseChecksumFile(`${hex}  ${name}\n`, name), hex);
    assert.equal(parseChecksumFile(`${hex.toUpperCase()} *${name}\r\n`, name), hex);
    assert.equal(parseChecksumFile(`${hex}\n`, name), hex);
  });

  test("a checksum for another file or a malformed one is refused", () => {
    assert.throws(() => parseChecksumFile(`${hex}  other.tar.gz\n`, name), /names other\.tar\.gz/);
    assert.throws(() => parseChecksumFile("not a checksum\n", name), /not "<sha256>/);
    assert.throws(() => parseChecksumFile(`${"a".repeat(63)}  ${name}`, name));
    assert.throws(() => parseChecksumFile("", name));
  });

  test("a good file verifies, a tampered one is rejected and deleted", async () => {
    const dir = tmpDir();
    const good = path.join(dir, "good.bin");
    fs.writeFileSync(good, "the real release\n");
    const digest = sha256(good);
    await verifyChecksum(good, digest);
    await verifyChecksum(good, digest.toUpperCase());
    assert.ok(fs.existsSync(good));

    const tampered = path.join(dir, "tampered.bin");
    fs.writeFileSync(tampered, "the real release, plus something\n");
    const tamperedDigest = sha256(tampered);
    await assert.rejects(verifyChecksum(tampered, digest), (err: unknown) => {
      assert.ok(err instanceof ChecksumMismatchError);
      assert.equal(err.expected, digest);
      assert.equal(err.actual, tamperedDigest);
      assert.match(err.message, /SHA-256 mismatch for tampered\.bin/);
      assert.match(err.message, /nothing was installed/);
      return true;
    });
    assert.equal(fs.existsSync(tampered), false, "a mismatching download is deleted");
  });
});

describe("agentlint.path comes from user or machine settings only", () => {
  test("workspace and folder values are ignored", () => {
    assert.equal(
      userConfiguredPath({ defaultValue: "", workspaceValue: "/repo/evil", workspaceFolderValue: "./evil" }),
      undefined
    );
    assert.equal(
      userConfiguredPath({ globalValue: "/opt/agentlint/bin/agentlint", workspaceValue: "/repo/evil" }),
      "/opt/agentlint/bin/agentlint"
    );
    assert.equal(userConfiguredPath({ globalValue: "  " }), undefined);
    assert.equal(userConfiguredPath({ defaultValue: "agentlint" }), undefined, "the default is not a choice");
    assert.equal(userConfiguredPath(undefined), undefined);
    assert.equal(workspaceTriedToSet({ workspaceValue: "x" }), true);
    assert.equal(workspaceTriedToSet({ workspaceFolderValue: "x" }), true);
    assert.equal(workspaceTriedToSet({ globalValue: "x" }), false);
  });

  test("agentlint.download likewise", () => {
    assert.equal(downloadPolicy(undefined), "ask");
    assert.equal(downloadPolicy({ defaultValue: "ask", globalValue: "never" }), "never");
    assert.equal(downloadPolicy({ globalValue: "always" }), "always");
    assert.equal(downloadPolicy({ workspaceValue: "always" }), "ask");
    assert.equal(downloadPolicy({ globalValue: "sometimes" }), "ask");
  });
});

describe("resolution order", () => {
  const base: Omit<ResolveInput, "isFile"> = {
    pathSetting: { defaultValue: "" },
    extensionDir: "/ext",
    storageDir: "/storage",
    version: VERSION,
    platform: "linux",
    arch: "x64",
    env: { PATH: "/usr/local/bin:/usr/bin" },
    homeDir: "/home/u",
  };
  const downloaded = downloadedBinaryPath("/storage", VERSION, MUSL);
  const all = new Set(["/opt/al/agentlint", "/ext/bin/agentlint", downloaded, "/usr/bin/agentlint"]);
  const having = (files: Set<string>) => (file: string) => files.has(file);

  test("setting, then bundled, then downloaded, then PATH", () => {
    const files = new Set(all);
    const resolve = () =>
      resolveBinary({ ...base, pathSetting: { globalValue: "/opt/al/agentlint" }, isFile: having(files) });
    assert.deepEqual(resolve(), { path: "/opt/al/agentlint", source: "setting" });
    assert.deepEqual(resolveBinary({ ...base, isFile: having(files) }), {
      path: "/ext/bin/agentlint",
      source: "bundled",
    });
    files.delete("/ext/bin/agentlint");
    assert.deepEqual(resolveBinary({ ...base, isFile: having(files) }), { path: downloaded, source: "downloaded" });
    assert.equal(
      downloaded,
      "/storage/bin/v0.1.0/agentlint-v0.1.0-x86_64-unknown-linux-musl/agentlint",
      "downloads are kept per version"
    );
    files.delete(downloaded);
    assert.deepEqual(resolveBinary({ ...base, isFile: having(files) }), {
      path: "/usr/bin/agentlint",
      source: "path",
    });
    files.delete("/usr/bin/agentlint");
    assert.equal(resolveBinary({ ...base, isFile: having(files) }), undefined);
  });

  test("a binary downloaded for another version is not used", () => {
    const other = downloadedBinaryPath("/storage", "0.0.9", MUSL);
    assert.equal(resolveBinary({ ...base, isFile: having(new Set([other])) }), undefined);
  });

  test("a workspace value of agentlint.path does not redirect the binary", () => {
    const files = new Set(["/repo/evil", "/repo/bin/agentlint", "/usr/bin/agentlint"]);
    const resolved = resolveBinary({
      ...base,
      pathSetting: { defaultValue: "", workspaceValue: "/repo/evil", workspaceFolderValue: "bin/agentlint" },
      isFile: having(files),
    });
    assert.deepEqual(resolved, { path: "/usr/bin/agentlint", source: "path" });
  });

  test("a bare name in the setting is looked up on PATH, ~ is the home directory", () => {
    const files = new Set(["/usr/local/bin/agentlint-dev", "/home/u/bin/agentlint"]);
    assert.deepEqual(
      resolveBinary({ ...base, pathSetting: { globalValue: "agentlint-dev" }, isFile: having(files) }),
      { path: "/usr/local/bin/agentlint-dev", source: "setting" }
    );
    assert.deepEqual(
      resolveBinary({ ...base, pathSetting: { globalValue: "~/bin/agentlint" }, isFile: having(files) }),
      { path: "/home/u/bin/agentlint", source: "setting" }
    );
  });

  test("a setting that does not work is an error, not a silent fallback", () => {
    const files = new Set(all);
    for (const value of ["./agentlint", "bin/agentlint", "/nowhere/agentlint", "not-on-path"]) {
      assert.throws(
        () => resolveBinary({ ...base, pathSetting: { globalValue: value }, isFile: having(files) }),
        ConfiguredPathError,
        value
      );
    }
    assert.throws(
      () => resolveBinary({ ...base, pathSetting: { globalValue: "./agentlint" }, isFile: having(files) }),
      /must be an absolute path/
    );
  });

  test("PATH lookup skips empty and relative entries (they would mean the workspace)", () => {
    const files = new Set(["agentlint", "./agentlint", "bin/agentlint", "/usr/bin/agentlint"]);
    assert.equal(findOnPath("agentlint", { PATH: ":.:bin:/usr/bin" }, "linux", having(files)), "/usr/bin/agentlint");
    assert.equal(findOnPath("agentlint", { PATH: ":.:bin" }, "linux", having(files)), undefined);
    assert.equal(findOnPath("agentlint", {}, "linux", having(files)), undefined);
  });

  test("Windows: Path in any case, PATHEXT, bundled agentlint.exe", () => {
    const winFiles = new Set(["C:\\tools\\agentlint.EXE"]);
    assert.equal(
      findOnPath("agentlint", { Path: ".;C:\\tools", PATHEXT: ".COM;.EXE" }, "win32", having(winFiles)),
      "C:\\tools\\agentlint.EXE"
    );
    const ext = "C:\\ext";
    assert.deepEqual(
      resolveBinary({
        ...base,
        platform: "win32",
        extensionDir: ext,
        env: {},
        isFile: having(new Set(["C:\\ext\\bin\\agentlint.exe"])),
      }),
      { path: "C:\\ext\\bin\\agentlint.exe", source: "bundled" }
    );
  });
});

describe("archive entries", () => {
  const top = "agentlint-v0.1.0-x86_64-unknown-linux-musl";
  test("entries inside the top folder pass", () => {
    checkEntries([`${top}/`, `${top}/agentlint`, `./${top}/README.md`, ""], top);
  });
  test("entries elsewhere are refused", () => {
    assert.throws(() => checkEntries([`${top}/agentlint`, "agentlint"], top), /not inside/);
    assert.throws(() => checkEntries([`${top}/../../.bashrc`], top), /outside/);
    assert.throws(() => checkEntries(["/etc/passwd"], top), /outside/);
    assert.throws(() => checkEntries(["C:\\Windows\\evil.exe"], top), /outside/);
  });
});

/** A release folder like the workflow's: `<base>/agentlint-v{V}-{T}.tar.gz` and its `.sha256`. */
function makeRelease(opts: { topFolder?: string; extra?: string } = {}): { base: string; archive: string } {
  const base = tmpDir();
  const stem = `agentlint-v${VERSION}-${MUSL.triple}`;
  const staging = tmpDir();
  const top = opts.topFolder ?? stem;
  fs.mkdirSync(path.join(staging, top));
  // A stand-in for the binary: a script that answers like `agentlint --version`.
  fs.writeFileSync(path.join(staging, top, "agentlint"), `#!/bin/sh\necho "agentlint ${VERSION} $*"\n`, {
    mode: 0o644,
  });
  const members = [top];
  if (opts.extra) {
    fs.writeFileSync(path.join(staging, opts.extra), "stray\n");
    members.push(opts.extra);
  }
  const name = `${stem}.tar.gz`;
  const archive = path.join(base, name);
  execFileSync("tar", ["-czf", archive, ...members], { cwd: staging });
  fs.writeFileSync(archive + ".sha256", `${sha256(archive)}  ${name}\n`);
  return { base, archive };
}

const noTar = process.platform === "win32";

describe("installing a release from AGENTLINT_RELEASE_BASE", { skip: noTar }, () => {
  test("download, verify, extract, chmod +x; then it is found", async () => {
    const { base } = makeRelease();
    const storage = tmpDir();
    const env = { ...process.env, AGENTLINT_RELEASE_BASE: pathToFileURL(base).href };
    const messages: string[] = [];
    const binary = await installRelease({
      version: VERSION,
      target: MUSL,
      storageDir: storage,
      env,
      report: (m) => messages.push(m),
    });
    assert.equal(binary, downloadedBinaryPath(storage, VERSION, MUSL));
    assert.ok(fs.statSync(binary).mode & 0o100, "executable");
    assert.equal(execFileSync(binary, ["lsp"], { encoding: "utf8" }), `agentlint ${VERSION} lsp\n`);
    assert.deepEqual(
      fs.readdirSync(path.join(storage, "bin")),
      ["v0.1.0"],
      "no scratch folder is left behind"
    );
    assert.ok(messages.some((m) => m.includes("verifying SHA-256")));

    const resolved = resolveBinary({
      pathSetting: undefined,
      extensionDir: tmpDir(),
      storageDir: storage,
      version: VERSION,
      platform: "linux",
      arch: "x64",
      env: { PATH: "" },
      homeDir: os.homedir(),
    });
    assert.deepEqual(resolved, { path: binary, source: "downloaded" });
  });

  test("a newer version replaces the older download", async () => {
    const storage = tmpDir();
    const old = downloadedBinaryPath(storage, "0.0.1", MUSL);
    fs.mkdirSync(path.dirname(old), { recursive: true });
    fs.writeFileSync(old, "old", { mode: 0o755 });
    const { base } = makeRelease();
    await installRelease({
      version: VERSION,
      target: MUSL,
      storageDir: storage,
      env: { ...process.env, AGENTLINT_RELEASE_BASE: pathToFileURL(base).href },
    });
    assert.deepEqual(fs.readdirSync(path.join(storage, "bin")), ["v0.1.0"]);
  });

  test("a tampered archive is rejected and nothing is installed", async () => {
    const { base, archive } = makeRelease();
    fs.appendFileSync(archive, Buffer.from("tampered"));
    const storage = tmpDir();
    await assert.rejects(
      installRelease({
        version: VERSION,
        target: MUSL,
        storageDir: storage,
        env: { ...process.env, AGENTLINT_RELEASE_BASE: pathToFileURL(base).href },
      }),
      (err: unknown) => err instanceof ChecksumMismatchError && /SHA-256 mismatch/.test(err.message)
    );
    assert.equal(fs.existsSync(downloadedBinaryPath(storage, VERSION, MUSL)), false);
    assert.deepEqual(fs.readdirSync(path.join(storage, "bin")), [], "the download was deleted");
  });

  test("a missing release is a clear error", async () => {
    const storage = tmpDir();
    await assert.rejects(
      installRelease({
        version: VERSION,
        target: MUSL,
        storageDir: storage,
        env: { ...process.env, AGENTLINT_RELEASE_BASE: pathToFileURL(tmpDir()).href },
      }),
      /ENOENT/
    );
    assert.deepEqual(fs.readdirSync(path.join(storage, "bin")), []);
  });

  test("an archive with entries outside the top folder is refused", async () => {
    const { base } = makeRelease({ extra: "stray.txt" });
    const storage = tmpDir();
    await assert.rejects(
      installRelease({
        version: VERSION,
        target: MUSL,
        storageDir: storage,
        env: { ...process.env, AGENTLINT_RELEASE_BASE: pathToFileURL(base).href },
      }),
      /stray\.txt is not inside/
    );
    assert.equal(fs.existsSync(downloadedBinaryPath(storage, VERSION, MUSL)), false);
  });

  test("an archive with another top folder is refused", async () => {
    const { base } = makeRelease({ topFolder: "agentlint" });
    await assert.rejects(
      installRelease({
        version: VERSION,
        target: MUSL,
        storageDir: tmpDir(),
        env: { ...process.env, AGENTLINT_RELEASE_BASE: pathToFileURL(base).href },
      }),
      /is not inside agentlint-v0\.1\.0-x86_64-unknown-linux-musl\//
    );
  });
});

describe("http downloads", () => {
  test("redirects are followed (as GitHub's release downloads redirect)", async () => {
    const server = http.createServer((req, res) => {
      if (req.url === "/releases/download/v0.1.0/file") {
        res.writeHead(302, { Location: "/cdn/file?token=x" });
        res.end();
      } else if (req.url === "/cdn/file?token=x") {
        res.writeHead(200);
        res.end("payload");
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const dest = path.join(tmpDir(), "file");
      await download(`http://127.0.0.1:${port}/releases/download/v0.1.0/file`, dest);
      assert.equal(fs.readFileSync(dest, "utf8"), "payload");
      await assert.rejects(download(`http://127.0.0.1:${port}/missing`, dest + "2"), /HTTP 404/);
    } finally {
      server.close();
    }
  });

  test("plain http to another host is refused, even through a redirect", async () => {
    await assert.rejects(download("http://example.com/x", path.join(tmpDir(), "x")), /only https/);
    const server = http.createServer((_req, res) => {
      res.writeHead(302, { Location: "http://example.com/x" });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      await assert.rejects(download(`http://127.0.0.1:${port}/`, path.join(tmpDir(), "y")), /only https/);
    } finally {
      server.close();
    }
  });
});

// Windows' own tar.exe (bsdtar, Windows 10+) reads zip; GNU tar elsewhere does not, so this runs
// on Windows only.
describe("installing a Windows zip with the system tar", { skip: process.platform !== "win32" }, () => {
  test("the zip is verified and extracted", async () => {
    const win = targetFor("win32", "x64") as Target;
    const stem = `agentlint-v${VERSION}-${win.triple}`;
    const staging = tmpDir();
    const base = tmpDir();
    fs.mkdirSync(path.join(staging, stem));
    fs.writeFileSync(path.join(staging, stem, "agentlint.exe"), "not really an exe");
    const name = `${stem}.zip`;
    const archive = path.join(base, name);
    const tar = path.join(process.env.SystemRoot ?? "C:\\Windows", "System32", "tar.exe");
    execFileSync(tar, ["-a", "-cf", archive, stem], { cwd: staging });
    fs.writeFileSync(archive + ".sha256", `${sha256(archive)}  ${name}\n`);
    const storage = tmpDir();
    const binary = await installRelease({
      version: VERSION,
      target: win,
      storageDir: storage,
      env: { ...process.env, AGENTLINT_RELEASE_BASE: pathToFileURL(base).href },
    });
    assert.equal(fs.readFileSync(binary, "utf8"), "not really an exe");
  });
});
