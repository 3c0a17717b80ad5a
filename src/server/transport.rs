//! A framing guard between the client's byte stream and tower-lsp-server.
//!
//! tower-lsp-server's reader stops for good after one undecodable frame (tokio-util's
//! `FramedRead` ends the stream after a decode error), so one malformed message would
//! take the server down. This guard reads `Content-Length` frames itself, answers a body
//! that is not JSON with `ParseError` and a JSON value that is not a JSON-RPC message
//! with `InvalidRequest`, skips garbage until the next header, and forwards only
//! well-formed messages. All output goes through one writer, a whole frame at a time.

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// Largest message body accepted (a 20 MB document is ~40 MB of escaped JSON at worst).
pub const MAX_BODY: usize = 256 * 1024 * 1024;

pub enum Frame {
    Message(Vec<u8>),
    /// A frame whose header was unusable; already logged.
    Skipped,
}

/// Read one frame; `None` at end of input.
pub async fn read_frame<R: AsyncRead + Unpin>(r: &mut BufReader<R>) -> Option<Frame> {
    let mut len: Option<usize> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let n = r.read_until(b'\n', &mut line).await.ok()?;
        if n == 0 {
            return None;
        }
        // Never hold an unbounded header line.
        if line.len() > 8192 {
            tracing::warn!("discarding an overlong header line");
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                len = value.trim().parse().ok();
            }
        }
    }
    let Some(len) = len else {
        tracing::warn!("message without a valid Content-Length header; skipped");
        return Some(Frame::Skipped);
    };
    if len > MAX_BODY {
        tracing::warn!(len, "message larger than {MAX_BODY} bytes; skipped");
        let mut remaining = len as u64;
        let mut sink = tokio::io::sink();
        let copied = tokio::io::copy(&mut (&mut *r).take(remaining), &mut sink)
            .await
            .ok()?;
        remaining -= copied;
        return (remaining == 0).then_some(Frame::Skipped);
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body).await.ok()?;
    Some(Frame::Message(body))
}

pub fn encode(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// What to do with a frame body.
pub enum Verdict {
    Forward,
    /// Answer with this error response instead.
    Reject(Value),
}

pub fn judge(body: &[u8]) -> Verdict {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            tracing::warn!("message is not valid JSON: {e}");
            return Verdict::Reject(error_response(Value::Null, -32700, "Parse error"));
        }
    };
    let Some(obj) = value.as_object() else {
        return Verdict::Reject(error_response(Value::Null, -32600, "Invalid request"));
    };
    let id = obj.get("id").cloned();
    let id_ok = matches!(
        id,
        None | Some(Value::Number(_)) | Some(Value::String(_)) | Some(Value::Null)
    );
    let is_request = obj.get("method").is_some_and(Value::is_string);
    let is_response = id.is_some() && (obj.contains_key("result") || obj.contains_key("error"));
    let params_ok = obj
        .get("params")
        .is_none_or(|p| p.is_object() || p.is_array() || p.is_null());
    if id_ok && params_ok && (is_request || is_response) {
        Verdict::Forward
    } else {
        tracing::warn!("not a JSON-RPC message; answered InvalidRequest");
        match id {
            // A notification-shaped message gets no answer, but must not be forwarded.
            None if obj.contains_key("method") => Verdict::Reject(Value::Null),
            _ => Verdict::Reject(error_response(
                id.filter(|_| id_ok).unwrap_or(Value::Null),
                -32600,
                "Invalid request",
            )),
        }
    }
}

fn error_response(id: Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// Pump the client's input into `to_server`, answering rejected frames through `replies`.
/// Returns at end of input (and then closes `to_server`, so the server sees the end).
pub async fn pump_input<R, W>(input: R, mut to_server: W, replies: mpsc::UnboundedSender<Vec<u8>>)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::with_capacity(1 << 16, input);
    while let Some(frame) = read_frame(&mut reader).await {
        let Frame::Message(body) = frame else {
            continue;
        };
        match judge(&body) {
            Verdict::Forward => {
                if to_server.write_all(&encode(&body)).await.is_err() {
                    break;
                }
                let _ = to_server.flush().await;
            }
            Verdict::Reject(Value::Null) => {}
            Verdict::Reject(reply) => {
                let _ = replies.send(encode(reply.to_string().as_bytes()));
            }
        }
    }
    let _ = to_server.shutdown().await;
}

/// Copy whole frames from the server's output and injected replies to the client.
pub async fn pump_output<R, W>(
    from_server: R,
    mut output: W,
    mut replies: mpsc::UnboundedReceiver<Vec<u8>>,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::with_capacity(1 << 16, from_server);
    let mut server_open = true;
    loop {
        tokio::select! {
            frame = read_frame(&mut reader), if server_open => match frame {
                Some(Frame::Message(body)) => {
                    if output.write_all(&encode(&body)).await.is_err() || output.flush().await.is_err() {
                        tracing::info!("the client's output stream is closed");
                        return;
                    }
                }
                Some(Frame::Skipped) => {}
                None => server_open = false,
            },
            reply = replies.recv() => match reply {
                Some(bytes) if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() => return,
                Some(_) => {}
                None if !server_open => return,
                None => {}
            },
            else => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judging_messages() {
        assert!(matches!(
            judge(br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#),
            Verdict::Forward
        ));
        assert!(matches!(
            judge(br#"{"jsonrpc":"2.0","method":"x","params":{}}"#),
            Verdict::Forward
        ));
        assert!(matches!(
            judge(br#"{"jsonrpc":"2.0","id":1,"result":null}"#),
            Verdict::Forward
        ));
        let Verdict::Reject(r) = judge(b"{oops") else {
            panic!()
        };
        assert_eq!(r["error"]["code"], -32700);
        let Verdict::Reject(r) = judge(b"[1,2]") else {
            panic!()
        };
        assert_eq!(r["error"]["code"], -32600);
        let Verdict::Reject(r) = judge(br#"{"id":7,"method":3}"#) else {
            panic!()
        };
        assert_eq!(
            (r["id"].clone(), r["error"]["code"].clone()),
            (json!(7), json!(-32600))
        );
        let Verdict::Reject(r) = judge(br#"{"method":"x","params":5}"#) else {
            panic!()
        };
        assert!(r.is_null(), "a malformed notification gets no answer");
    }
}
