"""An LSP initialize/shutdown/exit handshake with a server command, standard library only.

    python lsp_handshake.py COMMAND [ARG…]

Exits 0 when the server answers `initialize` with capabilities and its serverInfo, answers
`shutdown` with null and exits with code 0 after `exit`; otherwise prints why and exits 1.
"""

import json
import subprocess
import sys
import threading


def _send(stdin, msg):
    body = json.dumps(msg).encode("utf-8")
    stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    stdin.flush()


def _read(stdout):
    length = None
    while True:
        line = stdout.readline()
        if not line:
            raise EOFError("the server closed its stdout")
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return json.loads(stdout.read(length))


def _response(stdout, want_id):
    while True:
        msg = _read(stdout)
        if msg.get("id") == want_id and "method" not in msg:
            return msg


def handshake(cmd, timeout=60):
    """Return (server name, version) after a clean handshake; raise on any failure."""
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        _send(proc.stdin, {
            "jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"processId": None, "rootUri": None, "capabilities": {}},
        })
        init = _response(proc.stdout, 1)
        result = init.get("result") or {}
        if "capabilities" not in result:
            raise RuntimeError("initialize: no capabilities in %r" % init)
        info = result.get("serverInfo") or {}
        _send(proc.stdin, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
        _send(proc.stdin, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        down = _response(proc.stdout, 2)
        if "result" not in down or down["result"] is not None:
            raise RuntimeError("shutdown: %r" % down)
        _send(proc.stdin, {"jsonrpc": "2.0", "method": "exit"})
        proc.stdin.close()
        code = proc.wait()
        if code != 0:
            raise RuntimeError("exit code %s after exit; stderr: %s" % (code, proc.stderr.read().decode()[-2000:]))
        return info.get("name"), info.get("version")
    finally:
        timer.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    try:
        name, version = handshake(sys.argv[1:])
    except Exception as e:  # noqa: BLE001 - reported, then a failing exit code
        print("LSP handshake failed: %s" % e, file=sys.stderr)
        sys.exit(1)
    print("LSP handshake ok: %s %s" % (name, version))
