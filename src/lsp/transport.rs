//! Base-protocol framing on stdio: `Content-Length` headers and JSON bodies.
//!
//! lsp-server's own stdio transport ends its reader thread on the first body that is not valid
//! JSON-RPC, which takes the whole server down; this one answers such a body with a JSON-RPC parse
//! error and keeps reading, because the framing around it is still intact. Messages themselves are
//! lsp-server's [`Message`] type.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::Message;

/// A body larger than this is read and dropped rather than parsed.
const MAX_BODY_BYTES: usize = 256 * 1024 * 1024;

/// What the reader got from the client.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A frame whose body is not a JSON-RPC message, or a header block that makes no sense.
    Malformed(String),
}

/// What the writer sends to the client.
#[derive(Debug)]
pub enum Outgoing {
    Message(Message),
    /// A message lsp-server cannot express, such as an error response with a `null` id.
    Raw(serde_json::Value),
}

/// Read frames from `input` until end of input, sending each to `sender`.
pub fn spawn_reader(
    mut input: impl BufRead + Send + 'static,
    sender: Sender<Incoming>,
) -> io::Result<thread::JoinHandle<()>> {
    thread::Builder::new()
        .name("agentlint-lsp-reader".to_string())
        .spawn(move || {
            while let Some(frame) = read_frame(&mut input) {
                let incoming = match frame {
                    Ok(body) => match serde_json::from_slice::<Message>(&body) {
                        Ok(message) => Incoming::Message(message),
                        Err(err) => Incoming::Malformed(format!("invalid JSON-RPC message: {err}")),
                    },
                    Err(reason) => Incoming::Malformed(reason),
                };
                let exit = matches!(&incoming, Incoming::Message(Message::Notification(n)) if n.method == "exit");
                if sender.send(incoming).is_err() || exit {
                    break;
                }
            }
        })
}

/// Write every outgoing message to `output`, framed, until the channel closes.
pub fn spawn_writer(
    mut output: impl Write + Send + 'static,
    receiver: Receiver<Outgoing>,
) -> io::Result<thread::JoinHandle<()>> {
    thread::Builder::new()
        .name("agentlint-lsp-writer".to_string())
        .spawn(move || {
            for outgoing in receiver {
                let written = match outgoing {
                    Outgoing::Message(message) => message.write(&mut output),
                    Outgoing::Raw(value) => write_raw(&mut output, &value),
                };
                if written.is_err() {
                    // The client is gone; nothing more can be said to it.
                    break;
                }
            }
        })
}

fn write_raw(output: &mut impl Write, value: &serde_json::Value) -> io::Result<()> {
    let body = serde_json::to_string(value)?;
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}

/// One frame: `None` at end of input, `Err` with a reason for a frame that cannot be used.
fn read_frame(input: &mut impl BufRead) -> Option<Result<Vec<u8>, String>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        match input.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            // Blank lines between frames are tolerated.
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("bad Content-Length header: {value:?}")),
                );
            }
        }
    }
    let length = match length {
        Some(Ok(length)) => length,
        Some(Err(reason)) => return Some(Err(reason)),
        None => return Some(Err("message without Content-Length header".to_string())),
    };
    if length > MAX_BODY_BYTES {
        let skipped = io::copy(&mut input.take(length as u64), &mut io::sink());
        return match skipped {
            Ok(_) => Some(Err(format!("message of {length} bytes is too large"))),
            Err(_) => None,
        };
    }
    let mut body = vec![0; length];
    match input.read_exact(&mut body) {
        Ok(()) => Some(Ok(body)),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_read_and_garbage_is_reported() {
        let data = b"Content-Length: 5\r\n\r\n{oops\r\nContent-Length: 2\r\n\r\n{}".to_vec();
        let mut input = io::Cursor::new(data);
        assert_eq!(read_frame(&mut input), Some(Ok(b"{oops".to_vec())));
        assert_eq!(read_frame(&mut input), Some(Ok(b"{}".to_vec())));
        assert_eq!(read_frame(&mut input), None);
    }

    #[test]
    fn missing_length_is_an_error_not_an_end() {
        let mut input = io::Cursor::new(b"X-Other: 1\r\n\r\nContent-Length: 2\r\n\r\n{}".to_vec());
        assert!(matches!(read_frame(&mut input), Some(Err(_))));
        assert_eq!(read_frame(&mut input), Some(Ok(b"{}".to_vec())));
    }
}
