// Finding, fetching and verifying the agentlint binary. Nothing here imports `vscode`: the
// functions take plain data (a setting's `inspect()` result, the environment, directories) so
// they run under `node --test` without VS Code.
//
// The order (see `resolveBinary`): the `agentlint.path` setting from user or machine settings
// only, a binary bundled in the extension, one downloaded earlier for this exact version, then
// `agentlint` on PATH. When none is found the extension offers `installRelease`: the release
// archive for the platform, its SHA-256 checked against the published `.sha256` before anything
// is extracted.
//
// A workspace can never choose what runs: workspace and folder values of `agentlint.path` are
// ignored, relative paths are refused (they would resolve against the workspace), and PATH is
// searched here, by absolute directories only, so the client is always given an absolute path
// (on Windows, spawning a bare name would look in the server's working directory, the
// workspace, before PATH).
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/** The release workflow's base URL; `{version}` is the extension's own version. */
export const DEFAULT_RELEASE_BASE =
  "https://github.com/agentlint/agentlint/releases/download/v{version}";

/** Environment variable that overrides the base URL (tests, mirrors). Never a setting. */
export const RELEASE_BASE_ENV = "AGENTLINT_RELEASE_BASE";

export interface Target {
  /** The Rust target triple the release archive is built for. */
  triple: string;
  /** `.tar.gz`, or `.zip` on Windows. */
  archiveExt: ".tar.gz" | ".zip";
  /** `agentlint` or `agentlint.exe`. */
  exe: string;
}

const TARGETS: Record<string, Target> = {
  // musl: a static binary runs on any distribution, old glibc or none.
  "linux-x64": { triple: "x86_64-unknown-linux-musl", archiveExt: ".tar.gz", exe: "agentlint" },
  "linux-arm64": { triple: "aarch64-unknown-linux-gnu", archiveExt: ".tar.gz", exe: "agentlint" },
  "darwin-x64": { triple: "x86_64-apple-darwin", archiveExt: ".tar.gz", exe: "agentlint" },
  "darwin-arm64": { triple: "aarch64-apple-darwin", archiveExt: ".tar.gz", exe: "agentlint" },
  "win32-x64": { triple: "x86_64-pc-windows-msvc", archiveExt: ".zip", exe: "agentlint.exe" },
};

/** The release target for a Node `process.platform` / `process.arch`, or undefined if none is built. */
export function targetFor(platform: string, arch: string): Target | undefined {
  return TARGETS[`${platform}-${arch}`];
}

/** The name of the executable on a platform (`agentlint.exe` on Windows). */
export function exeName(platform: string): string {
  return platform === "win32" ? "agentlint.exe" : "agentlint";
}

/** `agentlint-v{version}-{triple}`: the archive's stem and its single top folder. */
export function releaseStem(version: string, target: Target): string {
  return `agentlint-v${version}-${target.triple}`;
}

export function archiveName(version: string, target: Target): string {
  return releaseStem(version, target) + target.archiveExt;
}

/**
 * The base URL of a version's release assets: `AGENTLINT_RELEASE_BASE` if set (a `{version}` in
 * it is replaced), else the GitHub release. No trailing slash.
 */
export function releaseBase(version: string, env: NodeJS.ProcessEnv): string {
  const override = env[RELEASE_BASE_ENV]?.trim();
  const base = override ? override : DEFAULT_RELEASE_BASE;
  return base.split("{version}").join(version).replace(/\/+$/, "");
}

export interface ReleaseUrls {
  archive: string;
  checksum: string;
  archiveName: string;
}

export function releaseUrls(version: string, target: Target, env: NodeJS.ProcessEnv): ReleaseUrls {
  const name = archiveName(version, target);
  const base = releaseBase(version, env);
  return {
    archive: `${base}/${name}`,
    checksum: `${base}/${name}.sha256`,
    archiveName: name,
  };
}

/** The subset of `WorkspaceConfiguration.inspect()` this module reads. */
export interface InspectedSetting<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
  // Language-specific values are ignored like the workspace ones.
  [other: string]: unknown;
}

/**
 * The `agentlint.path` the user set in user or machine settings, or undefined. Workspace and
 * folder values are ignored even if VS Code reported them (the setting is machine-scoped, so it
 * should not): a repository's `.vscode/settings.json` must not choose the binary that runs.
 */
export function userConfiguredPath(
  inspected: InspectedSetting<string> | undefined
): string | undefined {
  const value = inspected?.globalValue;
  if (typeof value !== "string") {
    return undefined;
  }
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** True if a workspace or folder tried to set the value (so the extension can say it ignored it). */
export function workspaceTriedToSet(inspected: InspectedSetting<unknown> | undefined): boolean {
  return inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
}

export type DownloadPolicy = "ask" | "always" | "never";

/** `agentlint.download` from user or machine settings only; default "ask". */
export function downloadPolicy(inspected: InspectedSetting<string> | undefined): DownloadPolicy {
  const value = inspected?.globalValue;
  return value === "always" || value === "never" || value === "ask" ? value : "ask";
}

/** Path functions for a platform (so the pure functions can be tested for Windows anywhere). */
function pathFor(platform: string): path.PlatformPath {
  return platform === "win32" ? path.win32 : path.posix;
}

/** Where `installRelease` puts a version's binary under the extension's global storage. */
export function downloadedBinaryPath(
  storageDir: string,
  version: string,
  target: Target,
  platform: string = process.platform
): string {
  return pathFor(platform).join(storageDir, "bin", `v${version}`, releaseStem(version, target), target.exe);
}

/** A binary shipped inside a platform-specific VSIX. */
export function bundledBinaryPath(extensionDir: string, platform: string): string {
  return pathFor(platform).join(extensionDir, "bin", exeName(platform));
}

/** Is this a regular file we may execute? (On Windows, existence is enough.) */
export function isExecutableFile(file: string, platform: string = process.platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (platform !== "win32") {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

function envValue(env: NodeJS.ProcessEnv, name: string, platform: string): string | undefined {
  if (platform !== "win32") {
    return env[name];
  }
  // Windows environment names are case-insensitive (`Path`, `PATH`).
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}

/**
 * Look `name` up on PATH, as an absolute path. Only absolute PATH entries count: an empty or
 * relative entry (`.`) would resolve against the working directory, which is the workspace.
 */
export function findOnPath(
  name: string,
  env: NodeJS.ProcessEnv,
  platform: string = process.platform,
  isFile: (file: string) => boolean = (file) => isExecutableFile(file, platform)
): string | undefined {
  const p = pathFor(platform);
  const pathVar = envValue(env, "PATH", platform) ?? "";
  const dirs = pathVar.split(platform === "win32" ? ";" : ":");
  let exts = [""];
  if (platform === "win32" && p.extname(name) === "") {
    const pathext = envValue(env, "PATHEXT", platform) ?? ".COM;.EXE;.BAT;.CMD";
    exts = pathext.split(";").filter((e) => e !== "");
  }
  for (const rawDir of dirs) {
    const dir = rawDir.replace(/^"(.*)"$/, "$1");
    if (dir === "" || !p.isAbsolute(dir)) {
      continue;
    }
    for (const ext of exts) {
      const candidate = p.join(dir, name + ext);
      if (isFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

export type BinarySource = "setting" | "bundled" | "downloaded" | "path";

export interface Resolved {
  path: string;
  source: BinarySource;
}

export interface ResolveInput {
  /** `getConfiguration("agentlint").inspect("path")`. */
  pathSetting: InspectedSetting<string> | undefined;
  extensionDir: string;
  storageDir: string;
  version: string;
  platform: string;
  arch: string;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  /** Injected for tests; defaults to `isExecutableFile`. */
  isFile?: (file: string) => boolean;
}

/** A configured `agentlint.path` that cannot be used. */
export class ConfiguredPathError extends Error {}

/**
 * The binary to run, in order: the user's `agentlint.path`; `bin/agentlint[.exe]` in the
 * extension; a binary downloaded earlier for this version; `agentlint` on PATH. Undefined if
 * none is found (then offer `installRelease`). Throws `ConfiguredPathError` when the user set a
 * path that does not work: an explicit choice is not silently replaced by another binary.
 */
export function resolveBinary(input: ResolveInput): Resolved | undefined {
  const isFile = input.isFile ?? ((file: string) => isExecutableFile(file, input.platform));
  const p = pathFor(input.platform);

  let configured = userConfiguredPath(input.pathSetting);
  if (configured !== undefined) {
    if (configured === "~" || configured.startsWith("~/") || configured.startsWith("~\\")) {
      configured = p.join(input.homeDir, configured.slice(1));
    }
    const bare = !configured.includes("/") && !(input.platform === "win32" && configured.includes("\\"));
    if (bare) {
      const found = findOnPath(configured, input.env, input.platform, isFile);
      if (found === undefined) {
        throw new ConfiguredPathError(
          `"agentlint.path" is "${configured}", which is not on PATH; set it to the binary's absolute path`
        );
      }
      return { path: found, source: "setting" };
    }
    if (!p.isAbsolute(configured)) {
      throw new ConfiguredPathError(
        `"agentlint.path" must be an absolute path (a relative one would resolve against the workspace): "${configured}"`
      );
    }
    if (!isFile(configured)) {
      throw new ConfiguredPathError(
        `"agentlint.path" is "${configured}", which is not an executable file`
      );
    }
    return { path: configured, source: "setting" };
  }

  const bundled = bundledBinaryPath(input.extensionDir, input.platform);
  if (isFile(bundled)) {
    return { path: bundled, source: "bundled" };
  }

  const target = targetFor(input.platform, input.arch);
  if (target !== undefined) {
    const downloaded = downloadedBinaryPath(input.storageDir, input.version, target, input.platform);
    if (isFile(downloaded)) {
      return { path: downloaded, source: "downloaded" };
    }
  }

  const onPath = findOnPath("agentlint", input.env, input.platform, isFile);
  if (onPath !== undefined) {
    return { path: onPath, source: "path" };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Checksums

/** The digest in a `.sha256` file: `<64 hex>  <archive name>` (or `*name`, or the digest alone). */
export function parseChecksumFile(text: string, expectedName: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== "");
  const match = line?.trim().match(/^([0-9a-fA-F]{64})(?:\s+\*?(.+))?$/);
  if (!match) {
    throw new Error(`the checksum file for ${expectedName} is not "<sha256>  <name>"`);
  }
  const named = match[2]?.trim();
  if (named !== undefined && path.posix.basename(named.replace(/\\/g, "/")) !== expectedName) {
    throw new Error(`the checksum file names ${named}, not ${expectedName}`);
  }
  return match[1].toLowerCase();
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
  }
  return hash.digest("hex");
}

export class ChecksumMismatchError extends Error {
  constructor(
    readonly file: string,
    readonly expected: string,
    readonly actual: string
  ) {
    super(
      `SHA-256 mismatch for ${path.basename(file)}: the release says ${expected}, the download is ${actual}; the file was deleted and nothing was installed`
    );
  }
}

/** Check `file` against `expected` (hex); on a mismatch delete it and throw `ChecksumMismatchError`. */
export async function verifyChecksum(file: string, expected: string): Promise<void> {
  const actual = await sha256File(file);
  if (actual !== expected.toLowerCase()) {
    await fs.promises.rm(file, { force: true });
    throw new ChecksumMismatchError(file, expected.toLowerCase(), actual);
  }
}

// ---------------------------------------------------------------------------------------------
// Downloads

const MAX_REDIRECTS = 10;
const TIMEOUT_MS = 60_000;

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]" || host === "::1";
}

/**
 * Download `url` to `dest`. `file:` URLs are copied; `https:` is fetched following redirects
 * (GitHub release downloads redirect to a CDN). Plain `http:` only to the loopback interface
 * (local mirrors, tests), and a redirect may not downgrade to it.
 */
export async function download(url: string, dest: string): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol === "file:") {
    await fs.promises.copyFile(fileURLToPath(parsed), dest);
    return;
  }
  let current = parsed;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const allowed =
      current.protocol === "https:" || (current.protocol === "http:" && isLoopback(current.hostname));
    if (!allowed) {
      throw new Error(`refusing to download from ${current.href}: only https (or file) URLs are used`);
    }
    const next = await fetchOnce(current, dest);
    if (next === undefined) {
      return;
    }
    current = next;
  }
  throw new Error(`too many redirects downloading ${url}`);
}

/** One request: writes `dest` and resolves undefined, or resolves the redirect target. */
function fetchOnce(url: URL, dest: string): Promise<URL | undefined> {
  const get = url.protocol === "https:" ? https.get : http.get;
  return new Promise((resolve, reject) => {
    const request = get(
      url,
      { headers: { "User-Agent": "agentlint-vscode", Accept: "application/octet-stream" } },
      (response) => {
        const status = response.statusCode ?? 0;
        if ([301, 302, 303, 307, 308].includes(status) && response.headers.location) {
          response.resume();
          resolve(new URL(response.headers.location, url));
          return;
        }
        if (status !== 200) {
          response.resume();
          reject(new Error(`downloading ${url.href} failed: HTTP ${status}`));
          return;
        }
        const out = fs.createWriteStream(dest);
        const fail = (err: Error) => {
          out.destroy();
          fs.rm(dest, { force: true }, () => reject(err));
        };
        response.on("error", fail);
        out.on("error", fail);
        out.on("finish", () => resolve(undefined));
        response.pipe(out);
      }
    );
    request.setTimeout(TIMEOUT_MS, () =>
      request.destroy(new Error(`downloading ${url.href} timed out`))
    );
    request.on("error", reject);
  });
}

// ---------------------------------------------------------------------------------------------
// Extraction

/**
 * The `tar` to run: on Windows the system's bsdtar (`System32\tar.exe`, Windows 10+, which
 * reads zip too) rather than whatever `tar` is first on PATH (Git's GNU tar does not read zip);
 * elsewhere `tar` from absolute PATH entries.
 */
export function systemTar(env: NodeJS.ProcessEnv, platform: string = process.platform): string {
  if (platform === "win32") {
    const root = envValue(env, "SystemRoot", platform) ?? "C:\\Windows";
    const bsdtar = path.win32.join(root, "System32", "tar.exe");
    if (fs.existsSync(bsdtar)) {
      return bsdtar;
    }
  }
  return findOnPath("tar", env, platform) ?? (platform === "win32" ? "tar.exe" : "/usr/bin/tar");
}

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, maxBuffer: 16 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      if (err) {
        reject(new Error(`${path.basename(command)} ${args.join(" ")} failed: ${stderr.trim() || err.message}`));
      } else {
        resolve(stdout);
      }
    });
  });
}

/**
 * Check an archive listing: every entry inside `top/`, none absolute or with `..`. The archive's
 * checksum was verified already; this keeps a malformed release from writing elsewhere.
 */
export function checkEntries(entries: string[], top: string): void {
  for (const raw of entries) {
    const entry = raw.replace(/\\/g, "/").replace(/^\.\//, "");
    if (entry === "") {
      continue;
    }
    const parts = entry.split("/");
    if (entry.startsWith("/") || /^[A-Za-z]:/.test(entry) || parts.includes("..")) {
      throw new Error(`the archive entry ${raw} points outside the archive`);
    }
    if (parts[0] !== top) {
      throw new Error(`the archive entry ${raw} is not inside ${top}/`);
    }
  }
}

/** Extract `archive` (tar.gz, or zip with bsdtar) into `destDir` after checking its entries. */
export async function extractArchive(
  archive: string,
  destDir: string,
  top: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: string = process.platform
): Promise<void> {
  const tar = systemTar(env, platform);
  const gz = archive.endsWith(".tar.gz") || archive.endsWith(".tgz");
  const listing = await run(tar, [gz ? "-tzf" : "-tf", archive], destDir);
  checkEntries(listing.split(/\r?\n/), top);
  await run(tar, [gz ? "-xzf" : "-xf", archive, "-C", destDir], destDir);
}

// ---------------------------------------------------------------------------------------------
// Installing a release

export interface InstallInput {
  version: string;
  target: Target;
  storageDir: string;
  env: NodeJS.ProcessEnv;
  platform?: string;
  /** Progress messages for the UI. */
  report?: (message: string) => void;
}

/**
 * Download the release archive and its `.sha256` into a scratch folder under `storageDir`,
 * verify the digest (a mismatch deletes the archive and throws `ChecksumMismatchError`), extract,
 * mark the binary executable and move it to `downloadedBinaryPath`. Older downloaded versions
 * are removed. Returns the binary's path.
 */
export async function installRelease(input: InstallInput): Promise<string> {
  const { version, target, storageDir, env } = input;
  const platform = input.platform ?? process.platform;
  const report = input.report ?? (() => undefined);
  const urls = releaseUrls(version, target, env);
  const stem = releaseStem(version, target);
  const finalBinary = downloadedBinaryPath(storageDir, version, target, platform);
  const versionDir = path.dirname(path.dirname(finalBinary));
  const binRoot = path.dirname(versionDir);

  await fs.promises.mkdir(binRoot, { recursive: true });
  const scratch = path.join(binRoot, `.download-${randomBytes(6).toString("hex")}`);
  await fs.promises.mkdir(scratch);
  try {
    const archive = path.join(scratch, urls.archiveName);
    const checksumFile = archive + ".sha256";
    report(`downloading ${urls.checksum}`);
    await download(urls.checksum, checksumFile);
    const expected = parseChecksumFile(
      await fs.promises.readFile(checksumFile, "utf8"),
      urls.archiveName
    );
    report(`downloading ${urls.archive}`);
    await download(urls.archive, archive);
    report("verifying SHA-256");
    await verifyChecksum(archive, expected);
    report("extracting");
    const unpacked = path.join(scratch, "unpacked");
    await fs.promises.mkdir(unpacked);
    await extractArchive(archive, unpacked, stem, env, platform);
    const binary = path.join(unpacked, stem, target.exe);
    if (!fs.existsSync(binary) || !fs.statSync(binary).isFile()) {
      throw new Error(`${urls.archiveName} has no ${stem}/${target.exe}`);
    }
    if (platform !== "win32") {
      await fs.promises.chmod(binary, 0o755);
    }
    // Another window may have installed the same version meanwhile: keep whichever is there.
    if (!isExecutableFile(finalBinary, platform)) {
      await fs.promises.rm(path.join(versionDir, stem), { recursive: true, force: true });
      await fs.promises.mkdir(versionDir, { recursive: true });
      try {
        await fs.promises.rename(path.join(unpacked, stem), path.join(versionDir, stem));
      } catch (err) {
        if (!isExecutableFile(finalBinary, platform)) {
          throw err;
        }
      }
    }
  } finally {
    await fs.promises.rm(scratch, { recursive: true, force: true });
  }
  await removeOtherVersions(binRoot, path.basename(versionDir));
  return finalBinary;
}

/** Best effort: delete binaries downloaded for other versions. */
async function removeOtherVersions(binRoot: string, keep: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.promises.readdir(binRoot);
  } catch {
    return;
  }
  for (const name of names) {
    if (name !== keep && /^v\d/.test(name)) {
      await fs.promises.rm(path.join(binRoot, name), { recursive: true, force: true }).catch(() => undefined);
    }
  }
}

/** The default home directory, for `~` in `agentlint.path`. */
export function homeDir(): string {
  return os.homedir();
}
