//! `agentlint lsp`: a Language Server on stdio that publishes the same findings as `check`, for
//! open, unsaved buffers too.
//!
//! Synchronous and single-threaded by design (ruff's stack: lsp-server and gen-lsp-types): a lint
//! of the whole workspace takes milliseconds, so there is nothing to gain from a runtime. Changes
//! are debounced: each edit pushes a deadline back, and the lint runs when the client has been
//! quiet for [`DEBOUNCE`]; a hover or code action first runs a pending lint so that it answers
//! about the text the user sees. Every handler runs under `catch_unwind`: a bug shows up as an
//! error response, never as a dead server.

mod convert;
mod documents;
mod features;
mod transport;

use std::collections::HashMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use gen_lsp_types::{
    CodeActionParams, Diagnostic, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams, HoverParams,
    PublishDiagnosticsParams, TextDocumentContentChangeEvent, Uri,
};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::config::{self, Config};
use crate::diagnostic::{FileId, Finding};
use crate::model::Workspace;
use crate::pipeline::{self, Overrides};
use documents::{Change, Disk, Documents};
use transport::{Incoming, Outgoing};

/// How long the client must be quiet before a lint runs.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// The result of the last lint, which hover and code actions answer from.
pub struct Snapshot {
    pub workspace: Workspace,
    pub findings: Vec<Finding>,
    /// The URI of each workspace file, by [`FileId`].
    pub uris: Vec<String>,
    /// The configuration the workspace was built with: a new one means a full rebuild.
    config_generation: u64,
}

impl Snapshot {
    fn file_of(&self, uri: &str) -> Option<FileId> {
        self.uris.iter().position(|u| u == uri)
    }
}

/// Run the server on stdin/stdout until `exit`. Exit code 0 after `shutdown`, 1 otherwise.
pub fn run() -> ExitCode {
    let (in_tx, in_rx) = crossbeam_channel::unbounded();
    let (out_tx, out_rx) = crossbeam_channel::unbounded();
    let stdin = std::io::BufReader::new(std::io::stdin());
    let started = transport::spawn_reader(stdin, in_tx)
        .and_then(|_| transport::spawn_writer(std::io::stdout(), out_rx));
    let writer = match started {
        Ok(writer) => writer,
        Err(err) => {
            eprintln!("agentlint lsp: cannot start: {err}");
            return ExitCode::from(2);
        }
    };
    let code = Server::new(out_tx).serve(&in_rx);
    // The server (and its sender) is gone: the writer drains what is queued and stops.
    let _ = writer.join();
    code
}

/// Where a session is: before `initialize`, running, or after `shutdown`.
#[derive(PartialEq, Eq)]
enum Phase {
    Uninitialized,
    Running,
    ShuttingDown,
}

struct Server {
    out: Sender<Outgoing>,
    phase: Phase,
    /// From `initialize`, else the first opened file's directory.
    root: Option<PathBuf>,
    config: Config,
    disk: Option<Disk>,
    docs: Documents,
    /// What each URI was last sent, so that only changes are published and stale ones cleared.
    published: HashMap<String, Vec<Diagnostic>>,
    snapshot: Option<Snapshot>,
    /// When the next lint is due.
    due: Option<Instant>,
    /// Bumped whenever the configuration is (re)loaded.
    config_generation: u64,
}

/// A request that failed, as a JSON-RPC error.
type Failure = (ErrorCode, String);

impl Server {
    fn new(out: Sender<Outgoing>) -> Self {
        Server {
            out,
            phase: Phase::Uninitialized,
            root: None,
            config: Config::default(),
            disk: None,
            docs: Documents::default(),
            published: HashMap::new(),
            snapshot: None,
            due: None,
            config_generation: 0,
        }
    }

    fn serve(mut self, incoming: &Receiver<Incoming>) -> ExitCode {
        loop {
            let next = match self.due {
                Some(due) => incoming.recv_deadline(due),
                None => incoming.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            let message = match next {
                Ok(Incoming::Message(message)) => message,
                Ok(Incoming::Malformed(reason)) => {
                    self.send_raw(json!({
                        "jsonrpc": "2.0",
                        "id": null,
                        "error": { "code": ErrorCode::ParseError as i32, "message": reason },
                    }));
                    continue;
                }
                Err(RecvTimeoutError::Timeout) => {
                    self.lint_now();
                    continue;
                }
                // The client closed stdin without `exit`.
                Err(RecvTimeoutError::Disconnected) => return ExitCode::from(1),
            };
            match message {
                Message::Request(request) => self.on_request(request),
                Message::Notification(notification) if notification.method == "exit" => {
                    return if self.phase == Phase::ShuttingDown {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    };
                }
                Message::Notification(notification) => self.on_notification(notification),
                // The server sends no requests that need an answer.
                Message::Response(_) => {}
            }
        }
    }

    fn on_request(&mut self, request: Request) {
        let id = request.id.clone();
        let result = match (&self.phase, request.method.as_str()) {
            (Phase::Uninitialized, "initialize") => self.initialize(&request.params),
            (Phase::Uninitialized, _) => Err((
                ErrorCode::ServerNotInitialized,
                "the server is not initialized".to_string(),
            )),
            (Phase::ShuttingDown, _) => Err((
                ErrorCode::InvalidRequest,
                "the server is shutting down".to_string(),
            )),
            (Phase::Running, "initialize") => Err((
                ErrorCode::InvalidRequest,
                "the server is already initialized".to_string(),
            )),
            (Phase::Running, "shutdown") => {
                self.phase = Phase::ShuttingDown;
                Ok(Value::Null)
            }
            (Phase::Running, method) => {
                let method = method.to_string();
                guarded(|| self.dispatch(&method, request.params))
            }
        };
        self.respond(id, result);
    }

    fn dispatch(&mut self, method: &str, params: Value) -> Result<Value, Failure> {
        match method {
            "textDocument/hover" => {
                let params: HoverParams = parse(params)?;
                let position = params.text_document_position_params;
                self.flush();
                let hover = self.snapshot.as_ref().and_then(|snapshot| {
                    let file = snapshot.file_of(&position.text_document.uri.0)?;
                    features::hover(snapshot, file, position.position)
                });
                to_value(hover)
            }
            "textDocument/codeAction" => {
                let params: CodeActionParams = parse(params)?;
                // A client asking only for other kinds (`source.organizeImports`…) gets none; one
                // asking for `source.fixAll` (on save) gets every safe fix of the file at once.
                let asks = |prefix_of: &str| {
                    params.context.only.as_ref().is_none_or(|only| {
                        only.iter().any(|kind| {
                            let kind = String::from(kind.clone());
                            kind.is_empty() || prefix_of.starts_with(&kind)
                        })
                    })
                };
                let (quick, fix_all) = (asks("quickfix"), asks(features::FIX_ALL_KIND));
                if !quick && !fix_all {
                    return to_value(Vec::<Value>::new());
                }
                self.flush();
                let uri = params.text_document.uri.0;
                let actions = self
                    .snapshot
                    .as_ref()
                    .and_then(|snapshot| {
                        let file = snapshot.file_of(&uri)?;
                        let mut actions = Vec::new();
                        if quick {
                            actions = features::code_actions(snapshot, file, &uri, params.range);
                        }
                        if fix_all {
                            actions.extend(features::fix_all(snapshot, file));
                        }
                        Some(actions)
                    })
                    .unwrap_or_default();
                to_value(actions)
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("agentlint does not handle `{method}`"),
            )),
        }
    }

    fn initialize(&mut self, params: &Value) -> Result<Value, Failure> {
        self.root = root_of(params);
        self.phase = Phase::Running;
        Ok(json!({
            "capabilities": {
                "positionEncoding": "utf-16",
                "textDocumentSync": {
                    "openClose": true,
                    "change": 2,
                    "save": { "includeText": false },
                },
                "hoverProvider": true,
                "codeActionProvider": { "codeActionKinds": ["quickfix", features::FIX_ALL_KIND] },
            },
            "serverInfo": { "name": "agentlint", "version": env!("CARGO_PKG_VERSION") },
        }))
    }

    fn on_notification(&mut self, notification: Notification) {
        if self.phase == Phase::Uninitialized {
            return;
        }
        let method = notification.method.clone();
        let handled = guarded(|| self.notify(&method, notification.params));
        if let Err((_, message)) = handled {
            self.log(&format!("agentlint: {method}: {message}"));
        }
    }

    fn notify(&mut self, method: &str, params: Value) -> Result<Value, Failure> {
        match method {
            "initialized" => self.schedule(Duration::ZERO),
            "textDocument/didOpen" => {
                let params: DidOpenTextDocumentParams = parse(params)?;
                let doc = params.text_document;
                self.docs.open(doc.uri.0, doc.text, doc.version);
                self.schedule(Duration::ZERO);
            }
            "textDocument/didChange" => {
                let params: DidChangeTextDocumentParams = parse(params)?;
                let id = params.text_document;
                let changes = params.content_changes.into_iter().map(change).collect();
                self.docs
                    .change(&id.text_document_identifier.uri.0, id.version, changes);
                self.schedule(DEBOUNCE);
            }
            "textDocument/didClose" => {
                let params: DidCloseTextDocumentParams = parse(params)?;
                self.docs.close(&params.text_document.uri.0);
                self.schedule(DEBOUNCE);
            }
            "textDocument/didSave" => {
                let params: DidSaveTextDocumentParams = parse(params)?;
                self.refresh(&params.text_document.uri);
                self.schedule(DEBOUNCE);
            }
            "workspace/didChangeWatchedFiles" => {
                let params: DidChangeWatchedFilesParams = parse(params)?;
                for event in params.changes {
                    self.refresh(&event.uri);
                }
                self.schedule(DEBOUNCE);
            }
            _ => {}
        }
        Ok(Value::Null)
    }

    /// A file changed on disk: re-read it, and the configuration if it is the configuration.
    fn refresh(&mut self, uri: &Uri) {
        let Some(path) = documents::uri_to_path(&uri.0) else {
            return;
        };
        if path.file_name().is_some_and(|n| n == config::FILE_NAME) {
            self.load_config();
        }
        if let Some(disk) = &mut self.disk {
            disk.refresh(&path);
        }
    }

    fn schedule(&mut self, delay: Duration) {
        self.due = Some(Instant::now() + delay);
    }

    /// Run a pending lint now.
    fn flush(&mut self) {
        if self.due.is_some() {
            self.lint_now();
        }
    }

    fn lint_now(&mut self) {
        self.due = None;
        if self.root.is_none() {
            self.root = self.docs.any_dir();
        }
        let Some(root) = self.root.clone() else {
            return;
        };
        if self.disk.is_none() {
            self.load_config();
            let respect = self.config.respect_gitignore;
            let disk = guarded(|| Ok(Disk::scan(&root, respect)));
            self.disk = Some(disk.unwrap_or_default());
        }
        let previous = self.snapshot.take();
        let linted = guarded(|| Ok(self.lint(previous)));
        match linted {
            Ok(Some(snapshot)) => {
                self.publish(&snapshot);
                self.snapshot = Some(snapshot);
            }
            Ok(None) => {}
            Err((_, message)) => self.log(&format!("agentlint: lint failed: {message}")),
        }
    }

    /// Lint the workspace: open buffers over the disk. After the first lint only the files whose
    /// text changed are re-parsed (`pipeline::build::upsert`); the rules then run over the updated model.
    /// A changed configuration or a vanished file rebuilds everything.
    fn lint(&self, previous: Option<Snapshot>) -> Option<Snapshot> {
        let disk = self.disk.as_ref()?;
        let (inputs, uris): (Vec<_>, Vec<_>) = disk.inputs(&self.docs).into_iter().unzip();
        let by_display: HashMap<String, String> = inputs
            .iter()
            .map(|input| input.display_path.clone())
            .zip(uris)
            .collect();
        let reusable = previous.filter(|p| {
            p.config_generation == self.config_generation
                && p.workspace
                    .files
                    .iter()
                    .all(|f| by_display.contains_key(&f.source.path))
        });
        let workspace = match reusable {
            Some(snapshot) => {
                let mut workspace = snapshot.workspace;
                for input in inputs {
                    let unchanged = workspace
                        .files
                        .iter()
                        .find(|f| f.source.path == input.display_path)
                        .is_some_and(|f| match &input.content {
                            crate::discover::ReadOutcome::Text { text, .. } => {
                                *text == f.source.text
                            }
                            _ => false,
                        });
                    if !unchanged {
                        pipeline::build::upsert(&mut workspace, input, &self.config.environments);
                    }
                }
                workspace
            }
            None => pipeline::build::from_inputs(inputs, &self.config.environments),
        };
        let findings = pipeline::lint(&workspace, &self.config, &Overrides::default());
        let uris = workspace
            .files
            .iter()
            .map(|f| by_display.get(&f.source.path).cloned().unwrap_or_default())
            .collect();
        Some(Snapshot {
            workspace,
            findings,
            uris,
            config_generation: self.config_generation,
        })
    }

    /// Send what changed: new diagnostics, and empty lists where findings went away. Open buffers
    /// always get one publish, so the editor knows they were linted.
    fn publish(&mut self, snapshot: &Snapshot) {
        let mut next: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        for finding in &snapshot.findings {
            let Some(uri) = snapshot.uris.get(finding.primary.file) else {
                continue;
            };
            let diagnostic = convert::diagnostic(&snapshot.workspace, &snapshot.uris, finding);
            next.entry(uri.clone()).or_default().push(diagnostic);
        }
        let mut uris: Vec<String> = next.keys().cloned().collect();
        uris.extend(self.published.keys().cloned());
        uris.extend(self.docs.iter().map(|d| d.uri.clone()));
        uris.sort();
        uris.dedup();
        for uri in uris {
            let diagnostics = next.remove(&uri).unwrap_or_default();
            if self.published.get(&uri) == Some(&diagnostics) {
                continue;
            }
            let version = self.docs.get(&uri).map(|d| d.version);
            let params = PublishDiagnosticsParams {
                uri: Uri::from(uri.as_str()),
                version,
                diagnostics: diagnostics.clone(),
            };
            self.send(Notification::new(
                "textDocument/publishDiagnostics".to_string(),
                params,
            ));
            if diagnostics.is_empty() && self.docs.get(&uri).is_none() {
                self.published.remove(&uri);
            } else {
                self.published.insert(uri, diagnostics);
            }
        }
    }

    fn load_config(&mut self) {
        self.config_generation += 1;
        let Some(root) = &self.root else { return };
        let found = config::find(root).map(|path| config::load(&path));
        self.config = match found {
            None => Config::default(),
            Some(Ok(config)) => config,
            // Unreadable (or gone since it was found): the defaults, as when absent.
            Some(Err(config::LoadError::Unreadable { .. })) => Config::default(),
            Some(Err(config::LoadError::Invalid { path, error, .. })) => {
                self.show_warning(&format!(
                    "agentlint: {} is invalid ({}); using the defaults",
                    path.display(),
                    error.message
                ));
                Config::default()
            }
        };
    }

    fn respond(&self, id: RequestId, result: Result<Value, Failure>) {
        let response = match result {
            Ok(value) => Response {
                id,
                response_result: Ok(value),
            },
            Err((code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send_message(Message::Response(response));
    }

    fn send(&self, notification: Notification) {
        self.send_message(Message::Notification(notification));
    }

    fn send_message(&self, message: Message) {
        // A closed writer means the client is gone; the loop ends when stdin does.
        let _ = self.out.send(Outgoing::Message(message));
    }

    fn send_raw(&self, value: Value) {
        let _ = self.out.send(Outgoing::Raw(value));
    }

    fn show_warning(&self, message: &str) {
        self.send(Notification::new(
            "window/showMessage".to_string(),
            json!({ "type": 2, "message": message }),
        ));
    }

    fn log(&self, message: &str) {
        self.send(Notification::new(
            "window/logMessage".to_string(),
            json!({ "type": 1, "message": message }),
        ));
    }
}

/// Run `f`, turning a panic into an internal error.
fn guarded<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    match panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err((
                ErrorCode::InternalError,
                format!("internal error: {detail}"),
            ))
        }
    }
}

fn parse<T: DeserializeOwned>(params: Value) -> Result<T, Failure> {
    serde_json::from_value(params)
        .map_err(|err| (ErrorCode::InvalidParams, format!("invalid params: {err}")))
}

fn to_value(value: impl serde::Serialize) -> Result<Value, Failure> {
    serde_json::to_value(value).map_err(|err| (ErrorCode::InternalError, err.to_string()))
}

fn change(event: TextDocumentContentChangeEvent) -> Change {
    match event {
        TextDocumentContentChangeEvent::TextDocumentContentChangePartial(partial) => Change {
            range: Some((
                partial.range.start.line,
                partial.range.start.character,
                partial.range.end.line,
                partial.range.end.character,
            )),
            text: partial.text,
        },
        TextDocumentContentChangeEvent::TextDocumentContentChangeWholeDocument(whole) => Change {
            range: None,
            text: whole.text,
        },
    }
}

/// The workspace root from `initialize`: the first workspace folder, else `rootUri`, else
/// `rootPath`. Read loosely: a client's odd capabilities must not stop it from being served.
fn root_of(params: &Value) -> Option<PathBuf> {
    let folder = params
        .get("workspaceFolders")
        .and_then(Value::as_array)
        .and_then(|folders| folders.first())
        .and_then(|f| f.get("uri"))
        .and_then(Value::as_str)
        .and_then(documents::uri_to_path);
    let root_uri = || {
        params
            .get("rootUri")
            .and_then(Value::as_str)
            .and_then(documents::uri_to_path)
    };
    let root_path = || {
        params
            .get("rootPath")
            .and_then(Value::as_str)
            .map(PathBuf::from)
    };
    folder
        .or_else(root_uri)
        .or_else(root_path)
        .filter(|p| Path::new(p).is_dir())
}
