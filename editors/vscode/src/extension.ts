// The agentlint extension: a thin client that starts `agentlint lsp` and lets
// vscode-languageclient do the rest. All linting happens in the server, so the
// diagnostics here are exactly those of `agentlint check`.
import * as vscode from "vscode";
import {
  DocumentSelector,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

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

function serverPath(): string {
  const configured = vscode.workspace
    .getConfiguration("agentlint")
    .get<string>("path");
  return configured && configured.trim() !== "" ? configured.trim() : "agentlint";
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const command = serverPath();
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
      `agentlint: could not start \`${command} lsp\` (set "agentlint.path"): ${String(err)}`
    );
  }
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("agentlint.restart", async () => {
      await client?.stop();
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("agentlint.path")) {
        await client?.stop();
        await start(context);
      }
    })
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
