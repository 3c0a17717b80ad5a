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
    // Headers end at a blank line once a length is known. `Content-Length:` is looked
    // for anywhere in a line, so after a frame with a wrong length (whose body runs into
    // the next header) reading resynchronises on the next real header.
    let mut len: Option<usize> = None;
    loop {
        let mut line = Vec::new();
        let n = r.read_until(b'\n', &mut line).await.ok()?;
        if n == 0 {
            return None;
        }
        if line.len() > 64 * 1024 {
            tracing::warn!(
                "discarding {} bytes of garbage between messages",
                line.len()
            );
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if len.is_some() {
                break;
            }
            continue;
        }
        let lower = text.to_ascii_lowercase();
        if let Some(i) = lower.rfind("content-length:") {
            if i > 0 {
                tracing::warn!("discarding garbage before a Content-Length header");
            }
            len = text[i + "content-length:".len()..].trim().parse().ok();
        }
    }
    let Some(len) = len else {
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

/// The top level of a message, borrowed: nothing of a large `params` is copied.
#[derive(serde::Deserialize)]
struct Probe<'a> {
    /// `Some(Value::Null)` for `"id": null` (present), `None` when absent.
    #[serde(default, deserialize_with = "present_value")]
    id: Option<Value>,
    #[serde(borrow, default)]
    method: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    params: Option<&'a serde_json::value::RawValue>,
    #[serde(default, deserialize_with = "present")]
    result: bool,
    #[serde(default, deserialize_with = "present")]
    error: bool,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    <serde::de::IgnoredAny as serde::Deserialize>::deserialize(d)?;
    Ok(true)
}

fn present_value<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    <Value as serde::Deserialize>::deserialize(d).map(Some)
}

pub fn judge(body: &[u8]) -> Verdict {
    judge_request(body).0
}

/// [`judge`], and the id of a request (for the timing log: the time from a request's
/// arrival to its response's departure).
fn judge_request(body: &[u8]) -> (Verdict, Option<String>) {
    // First: is it JSON at all (without building a value)?
    if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(body) {
        tracing::warn!("message is not valid JSON: {e}");
        let reply = error_response(Value::Null, -32700, "Parse error");
        return (Verdict::Reject(reply), None);
    }
    let Ok(probe) = serde_json::from_slice::<Probe>(body) else {
        let reply = error_response(Value::Null, -32600, "Invalid request");
        return (Verdict::Reject(reply), None);
    };
    let first = |r: Option<&serde_json::value::RawValue>| r.and_then(|r| r.get().bytes().next());
    let id = probe.id;
    let id_ok = matches!(
        id,
        None | Some(Value::Number(_)) | Some(Value::String(_)) | Some(Value::Null)
    );
    let is_request = first(probe.method) == Some(b'"');
    let is_response = id.is_some() && (probe.result || probe.error);
    let params_ok = matches!(
        first(probe.params),
        None | Some(b'{') | Some(b'[') | Some(b'n')
    );
    if id_ok && params_ok && is_request && id.is_some() && dollar_method(probe.method) {
        // tower-lsp-server drops the answer to a `$/` request it does not know (it treats
        // them all like `$/` notifications); the spec wants MethodNotFound. The server
        // implements no `$/` request, so every one is answered here.
        tracing::debug!("a $/ request the server does not implement; answered MethodNotFound");
        let reply = error_response(id.unwrap_or(Value::Null), -32601, "Method not found");
        return (Verdict::Reject(reply), None);
    }
    if id_ok && params_ok && (is_request || is_response) {
        let request_id = id.filter(|_| is_request).map(|id| id.to_string());
        (Verdict::Forward, request_id)
    } else {
        tracing::warn!("not a JSON-RPC message; answered InvalidRequest");
        let verdict = match id {
            // A notification-shaped message gets no answer, but must not be forwarded.
            None if probe.method.is_some() => Verdict::Reject(Value::Null),
            _ => Verdict::Reject(error_response(
                id.filter(|_| id_ok).unwrap_or(Value::Null),
                -32600,
                "Invalid request",
            )),
        };
        (verdict, None)
    }
}

/// The method is a string starting with `$/` (protocol-dependent messages).
fn dollar_method(method: Option<&serde_json::value::RawValue>) -> bool {
    method.is_some_and(|m| m.get().starts_with("\"$/"))
}

fn error_response(id: Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

/// Requests forwarded to the server and not answered yet, with their arrival time, when
/// the timing log is on (`RUST_LOG=bedrock_lsp::timing=debug`): the log then says how
/// long each request spent in the server, queueing included.
pub type Arrivals =
    std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, std::time::Instant>>>;

fn timing_on() -> bool {
    tracing::enabled!(target: "bedrock_lsp::timing", tracing::Level::DEBUG)
}

/// Pump the client's input into `to_server`, answering rejected frames through `replies`.
/// Returns at end of input (and then closes `to_server`, so the server sees the end).
pub async fn pump_input<R, W>(
    input: R,
    mut to_server: W,
    replies: mpsc::UnboundedSender<Vec<u8>>,
    arrivals: Arrivals,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::with_capacity(1 << 16, input);
    while let Some(frame) = read_frame(&mut reader).await {
        let Frame::Message(body) = frame else {
            continue;
        };
        let (verdict, request_id) = judge_request(&body);
        match verdict {
            Verdict::Forward => {
                if let Some(id) = request_id.filter(|_| timing_on()) {
                    let now = std::time::Instant::now();
                    arrivals
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(id, now);
                }
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
    arrivals: Arrivals,
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
                    served(&arrivals, &body);
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

/// Log how long the request `body` answers spent in the server, from its arrival to
/// its response written out.
fn served(arrivals: &Arrivals, body: &[u8]) {
    let mut pending = arrivals.lock().unwrap_or_else(|e| e.into_inner());
    if pending.is_empty() {
        return;
    }
    let Some(id) = response_id(body) else { return };
    if let Some(at) = pending.remove(&id) {
        let us = at.elapsed().as_micros() as u64;
        tracing::debug!(target: "bedrock_lsp::timing", id, us, "request served");
    }
}

/// The id of a response as the server writes it (`{"jsonrpc":"2.0","result":…,"id":7}`:
/// the id comes last), as JSON text.
fn response_id(body: &[u8]) -> Option<String> {
    let tail = &body[body.len().saturating_sub(96)..];
    let at = memchr::memmem::rfind(tail, b"\"id\":")?;
    let rest = std::str::from_utf8(&tail[at + 5..]).ok()?;
    let id: Value = serde_json::from_str(rest.strip_suffix('}')?).ok()?;
    Some(id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The timing log pairs a response with its request by the id written last.
    #[test]
    fn response_ids() {
        let id = |s: &str| response_id(s.as_bytes());
        assert_eq!(
            id(r#"{"jsonrpc":"2.0","result":null,"id":7}"#),
            Some("7".into())
        );
        assert_eq!(
            id(r#"{"jsonrpc":"2.0","result":{"x":"\"id\":5}"},"id":"a"}"#),
            Some("\"a\"".into())
        );
        assert_eq!(id(r#"{"jsonrpc":"2.0","method":"x","params":{}}"#), None);
        assert_eq!(
            judge_request(br#"{"jsonrpc":"2.0","id":7,"method":"x"}"#).1,
            Some("7".into())
        );
        assert_eq!(judge_request(br#"{"jsonrpc":"2.0","method":"x"}"#).1, None);
    }

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
        let Verdict::Reject(r) = judge(br#"{"jsonrpc":"2.0","id":4,"method":"$/x"}"#) else {
            panic!("a $/ request is answered by the guard")
        };
        assert_eq!(
            (r["id"].clone(), r["error"]["code"].clone()),
            (json!(4), json!(-32601))
        );
        assert!(matches!(
            judge(br#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#),
            Verdict::Forward
        ));
    }
}
