// The agentlint extension: a thin client that starts `agentlint lsp` and lets
// vscode-languageclient do the rest. All linting happens in the server, so the
// diagnostics here are exactly those of `agentlint check`. Which binary runs is decided in
// binary.ts (user settings, bundled, downloaded, PATH; never the workspace).
import * as vscode from "vscode";
import {
  DocumentSelector,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";
import {
  ConfiguredPathError,
  downloadPolicy,
  homeDir,
  installRelease,
  Resolved,
  resolveBinary,
  targetFor,
  workspaceTriedToSet,
} from "./binary";

/** The files agentlint reads, by path (the server ignores anything else). */
const PATTERNS: string[] = [
  "**/.env",
  "**/.env.*",
  "**/*.env",
  "**/.envrc",
  "**/*.tf",
  "**/*.tfvars",
  "**/*.tfvars.json",
  "**/terragrunt.hcl",
  "**/.github/workflows/*.{yml,yaml}",
  "**/action.{yml,yaml}",
  "**/.gitlab-ci.{yml,yaml}",
  "**/{docker-compose,compose}*.{yml,yaml}",
  "**/*.{yml,yaml}",
  "**/{CLAUDE,CLAUDE.local,AGENTS,AGENT,GEMINI}.md",
  "**/{.cursorrules,.windsurfrules,.clinerules}",
  "**/.clinerules/*",
  "**/*.mdc",
  "**/.cursor/rules/*",
  "**/.windsurf/rules/*.md",
  "**/copilot-instructions.md",
  "**/*.{instructions,agent}.md",
  "**/.claude/settings*.json",
  "**/managed-settings.json",
  "**/.codex/config.toml",
  "**/.gemini/settings.json",
  "**/.cursor/{cli,mcp}.json",
  "**/.vscode/{settings,mcp}.json",
  "**/.aider.conf.{yml,yaml}",
  "**/{.mcp,mcp,mcp_config,claude_desktop_config,cline_mcp_settings}.json",
  "**/*.json",
  "**/*.sh",
  "**/agentlint.toml",
];

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
/** Starts and restarts run one after another (a restart may arrive during a download). */
let queue: Promise<void> = Promise.resolve();

function log(message: string): void {
  output?.appendLine(`[${new Date().toISOString()}] ${message}`);
}

function version(context: vscode.ExtensionContext): string {
  return String(context.extension.packageJSON.version);
}

async function openSettings(): Promise<void> {
  await vscode.commands.executeCommand("workbench.action.openSettings", "agentlint.");
}

/** An error with an "Open Settings" button; not awaited, so a restart need not wait for it. */
function errorWithSettings(message: string): void {
  void vscode.window.showErrorMessage(message, "Open Settings").then((choice) => {
    if (choice === "Open Settings") {
      void openSettings();
    }
  });
}

/** The binary to run, downloading it if allowed; undefined (after telling the user) if none. */
async function obtainBinary(context: vscode.ExtensionContext): Promise<Resolved | undefined> {
  const config = vscode.workspace.getConfiguration("agentlint");
  const pathSetting = config.inspect<string>("path");
  if (workspaceTriedToSet(pathSetting)) {
    log('ignored "agentlint.path" from the workspace settings: only user settings choose the binary');
  }
  try {
    const resolved = resolveBinary({
      pathSetting,
      extensionDir: context.extensionPath,
      storageDir: context.globalStorageUri.fsPath,
      version: version(context),
      platform: process.platform,
      arch: process.arch,
      env: process.env,
      homeDir: homeDir(),
    });
    if (resolved !== undefined) {
      return resolved;
    }
  } catch (err) {
    if (err instanceof ConfiguredPathError) {
      errorWithSettings(`agentlint: ${err.message}`);
      return undefined;
    }
    throw err;
  }

  const v = version(context);
  const target = targetFor(process.platform, process.arch);
  if (target === undefined) {
    void vscode.window.showErrorMessage(
      `agentlint: no agentlint binary was found and there is no release build for ${process.platform}-${process.arch}. ` +
        'Install it (`cargo install agentlint-perimeter`) and set "agentlint.path" in your user settings.'
    );
    return undefined;
  }
  const policy = downloadPolicy(config.inspect<string>("download"));
  if (policy === "never") {
    errorWithSettings(
      'agentlint: no agentlint binary was found (not on PATH, not downloaded, "agentlint.path" unset) and "agentlint.download" is "never". ' +
        'Install it and put it on PATH or set "agentlint.path" in your user settings.'
    );
    return undefined;
  }
  if (policy === "ask") {
    const choice = await vscode.window.showInformationMessage(
      `agentlint: the agentlint binary was not found. Download agentlint v${v} for ${target.triple} from the project's GitHub release? ` +
        "Its SHA-256 is checked against the release's checksum file before it is used.",
      "Download",
      "Always Download",
      "Open Settings"
    );
    if (choice === "Always Download") {
      await config.update("download", "always", vscode.ConfigurationTarget.Global);
    } else if (choice === "Open Settings") {
      await openSettings();
      return undefined;
    } else if (choice !== "Download") {
      log("no binary: download declined");
      return undefined;
    }
  }
  try {
    const binary = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `agentlint: installing v${v}`,
        cancellable: false,
      },
      (progress) =>
        installRelease({
          version: v,
          target,
          storageDir: context.globalStorageUri.fsPath,
          env: process.env,
          report: (message) => {
            log(message);
            progress.report({ message });
          },
        })
    );
    log(`installed ${binary}`);
    return { path: binary, source: "downloaded" };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log(`download failed: ${message}`);
    void vscode.window.showErrorMessage(`agentlint: could not install the binary: ${message}`);
    return undefined;
  }
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const resolved = await obtainBinary(context);
  if (resolved === undefined) {
    return;
  }
  const command = resolved.path;
  log(`starting ${command} lsp (found: ${resolved.source})`);
  const serverOptions: ServerOptions = {
    run: { command, args: ["lsp"], transport: TransportKind.stdio },
    debug: { command, args: ["lsp"], transport: TransportKind.stdio },
  };
  const documentSelector: DocumentSelector = PATTERNS.map((pattern) => ({
    scheme: "file",
    pattern,
  }));
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    synchronize: {
      // Cross-file findings depend on files that are not open: tell the server when they change.
      fileEvents: PATTERNS.map((pattern) =>
        vscode.workspace.createFileSystemWatcher(pattern)
      ),
    },
  };
  client = new LanguageClient(
    "agentlint",
    "agentlint",
    serverOptions,
    clientOptions
  );
  try {
    await client.start();
  } catch (err) {
    void vscode.window.showErrorMessage(
      `agentlint: could not start \`${command} lsp\` (found: ${resolved.source}; set "agentlint.path" in your user settings to choose another): ${String(err)}`
    );
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  try {
    await running?.stop();
  } catch (err) {
    log(`stopping the server: ${String(err)}`);
  }
}

/** Stop and start again; with `onlyIfStopped`, only when no server is running by then. */
function restart(context: vscode.ExtensionContext, onlyIfStopped = false): Promise<void> {
  queue = queue
    .then(async () => {
      if (onlyIfStopped && client !== undefined) {
        return;
      }
      await stop();
      await start(context);
    })
    .catch((err) => {
      log(`start failed: ${String(err)}`);
      void vscode.window.showErrorMessage(`agentlint: ${String(err)}`);
    });
  return queue;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("agentlint");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("agentlint.restart", () => restart(context)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("agentlint.path")) {
        void restart(context);
      } else if (event.affectsConfiguration("agentlint.download")) {
        // Allowing the download matters only if no server runs (e.g. the offer was declined).
        void restart(context, true);
      }
    }),
    { dispose: () => void stop() }
  );
  // Not awaited: activation must not wait for the user to answer the download question.
  void restart(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}
