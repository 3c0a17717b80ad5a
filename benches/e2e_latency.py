#!/usr/bin/env python3
"""End-to-end latency of bedrock-lsp over stdio, driven like an editor drives it.

Usage:
    cargo build --release
    python3 benches/e2e_latency.py target/release/bedrock-lsp [--lines 100000] [--keys 200]

What it does (one server process per phase, stdio pipes, JSON-RPC framing):

1. `initialize`: spawns the binary 15 times and times `initialize` → response, from the
   moment the process is started (so process start and the embedded catalog load are
   included).
2. Typing: opens a Python document of `--lines` lines (model IDs, region names, calls,
   comments, docstrings), waits for its first diagnostics, then types a new
   `client.converse(modelId="…")` line in the middle, one character per `didChange`
   (incremental range edits, 70 ms apart, faster than most people type). After each
   keystroke inside the string it asks for completion at the cursor, as an editor with
   the completion menu open does; every keystroke is followed by a hover on an ID
   elsewhere in the file. Then it asks for hover and completion at 200 IDs of the
   settled document.
3. Busy neighbour: a small document (1,000 lines) and one of `--lines` lines are open.
   Hovers go to the small one every 5 ms, first while the large one is idle, then while
   it is made to re-read itself whole again and again (a triple quote opened and closed
   at its top). Both phases are paced alike: back-to-back requests find warmer caches.

Two kinds of figures:
- client: the round trip seen by this script (request written → response read), which
  includes the pipe and JSON work on both sides;
- server: what the server logs under `RUST_LOG=bedrock_lsp::timing=debug` — the handler
  time of each request; the time from a request's arrival to its response written out
  ("arrival → response written": queueing, serialization and the write included); and
  for diagnostics the time from the end of the debounce to the `publishDiagnostics`
  notification (the debounce itself is excluded, as the target says).
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time

REQUEST = re.compile(r'request handled.*?method="?([\w/$]+)"?.*?us=(\d+)')
PUBLISHED = re.compile(r"diagnostics published.*?us=(\d+)")
SERVED = re.compile(r'request served.*?id="?(\d+)"?.*?us=(\d+)')
ANALYSED = re.compile(r'analysed .*?kind="?(\w+)"?.*?us=(\d+)')


class Server:
    def __init__(self, binary, log=True):
        env = dict(os.environ)
        if log:
            env["RUST_LOG"] = "bedrock_lsp::timing=debug"
        self.t_spawn = time.perf_counter()
        self.p = subprocess.Popen(
            [binary],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self.next_id = 0
        self.server_times = {}  # method -> [us]
        self.lock = threading.Lock()
        self.methods = {}  # request id -> method
        self.responses = {}
        self.body_bytes = {}  # method -> sizes of the response bodies
        self.notifications = []
        self.cv = threading.Condition()
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stderr(self):
        for raw in self.p.stderr:
            line = raw.decode("utf-8", "replace")
            m = REQUEST.search(line)
            if m:
                key, us = m.group(1), int(m.group(2))
            elif PUBLISHED.search(line):
                key, us = "diagnostics", int(PUBLISHED.search(line).group(1))
            elif SERVED.search(line):
                m = SERVED.search(line)
                with self.lock:
                    method = self.methods.get(int(m.group(1)), "?")
                key, us = "served:" + method, int(m.group(2))
            elif ANALYSED.search(line):
                m = ANALYSED.search(line)
                key, us = "analysed:" + m.group(1), int(m.group(2))
            else:
                continue
            with self.lock:
                self.server_times.setdefault(key, []).append(us)

    def _read_stdout(self):
        out = self.p.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                c = out.read(1)
                if not c:
                    return
                header += c
            n = int(re.search(rb"Content-Length: *(\d+)", header).group(1))
            msg = json.loads(out.read(n))
            now = time.perf_counter()
            with self.cv:
                if "id" in msg and "method" not in msg:
                    self.responses[msg["id"]] = (now, msg)
                    method = self.methods.get(msg["id"], "?")
                    self.body_bytes.setdefault(method, []).append(n)
                elif "method" in msg:
                    self.notifications.append((now, msg))
                    if "id" in msg:  # a request from the server: answer it
                        self._send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
                self.cv.notify_all()

    def _send(self, obj):
        body = json.dumps(obj).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()

    def notify(self, method, params):
        self._send({"jsonrpc": "2.0", "method": method, "params": params})
        return time.perf_counter()

    def request(self, method, params):
        """Send a request and wait for its response; returns (round trip in µs, result)."""
        self.next_id += 1
        rid = self.next_id
        with self.lock:
            self.methods[rid] = method
        t0 = time.perf_counter()
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        with self.cv:
            while rid not in self.responses:
                if not self.cv.wait(timeout=30):
                    raise SystemExit(f"no response to {method} within 30 s")
            t1, msg = self.responses.pop(rid)
        return (t1 - t0) * 1e6, msg.get("result")

    def wait_diagnostics(self, uri, version, timeout=60):
        deadline = time.perf_counter() + timeout
        with self.cv:
            while True:
                for i, (t, m) in enumerate(self.notifications):
                    p = m.get("params", {})
                    if (
                        m.get("method") == "textDocument/publishDiagnostics"
                        and p.get("uri") == uri
                        and p.get("version") == version
                    ):
                        del self.notifications[: i + 1]
                        return t, p["diagnostics"]
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise SystemExit(f"no diagnostics for {uri} v{version}")
                self.cv.wait(timeout=left)

    def initialize(self):
        us, res = self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
                "rootUri": None,
            },
        )
        self.notify("initialized", {})
        return us, res

    def close(self):
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.p.wait(timeout=5)
        except Exception:
            self.p.kill()


def document(lines):
    """A Python module: 10-line blocks with a region, model IDs (one of them wrong in
    every hundredth block), a docstring and comments."""
    out = []
    i = 0
    while len(out) < lines:
        wrong = "anthropic.claude-3-5-sonet-20241022-v2:0" if i % 100 == 7 else "amazon.nova-pro-v1:0"
        out += [
            f'client_{i} = boto3.client("bedrock-runtime", region_name="us-east-1")\n',
            f"def ask_{i}(prompt):\n",
            f'    """Ask model number {i} a question."""\n',
            f"    # retry on throttling ({i})\n",
            f'    a = client_{i}.converse(modelId="us.anthropic.claude-sonnet-4-5-20250929-v1:0", messages=prompt)\n',
            f'    b = client_{i}.converse(modelId="{wrong}", messages=prompt)\n',
            f'    log.info("done %s", "{i}")\n',
            f'    cfg = {{"model": "amazon.nova-lite-v1:0", "max_tokens": {i}}}\n',
            f"    return a, b, cfg\n",
            "\n",
        ]
        i += 1
    return "".join(out[:lines])


def pct(values, q):
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(q / 100 * (len(s) - 1)))))
    return s[k]


def row(name, values, unit="ms", scale=1e-3):
    if not values:
        print(f"| {name} | 0 | – | – | – | – |")
        return
    f = lambda v: f"{v * scale:.3f}"
    print(
        f"| {name} | {len(values)} | {f(pct(values, 50))} | {f(pct(values, 95))} | "
        f"{f(pct(values, 99))} | {f(max(values))} |"
    )


def pos(line, ch):
    return {"line": line, "character": ch}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary")
    ap.add_argument("--lines", type=int, default=100_000)
    ap.add_argument("--keys", type=int, default=200)
    ap.add_argument("--pace-ms", type=float, default=70.0)
    args = ap.parse_args()

    # 1. initialize, from process start.
    init_client, init_server = [], []
    for _ in range(15):
        s = Server(args.binary)
        us, _ = s.initialize()
        init_client.append((time.perf_counter() - s.t_spawn) * 1e6)
        time.sleep(0.05)
        with s.lock:
            init_server += s.server_times.get("initialize", [])
        s.close()

    # 2. Typing in a long document.
    s = Server(args.binary)
    s.initialize()
    text = document(args.lines)
    uri = "file:///bench/long.py"
    t0 = s.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}},
    )
    t1, diags = s.wait_diagnostics(uri, 1)
    open_ms = (t1 - t0) * 1e3
    n_diags = len(diags)
    line_no = (args.lines // 20) * 10  # a block start in the middle
    typed = 'x = client.converse(modelId="us.amazon.nova-pro-v1:0", messages=m)\n'
    hover_line = line_no + 4 + 10  # `a = …converse(modelId="us.anthropic…` one block below
    hover_char = text.split("\n")[hover_line].index('modelId="') + 12
    version = 1
    col = 0
    comp, hov, diag_client = [], [], []
    in_string = False
    keys = 0
    doc = text.split("\n")  # kept in step with the server's copy
    with s.lock:
        s.server_times.clear()
    while keys < args.keys:
        for ch in typed:
            if keys >= args.keys:
                break
            version += 1
            at = pos(line_no, col)
            t_change = s.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"range": {"start": at, "end": at}, "text": ch}],
                },
            )
            cur = doc[line_no]
            if ch == "\n":
                doc[line_no : line_no + 1] = [cur[:col], cur[col:]]
            else:
                doc[line_no] = cur[:col] + ch + cur[col:]
            if ch == "\n":
                line_no += 1
                hover_line += 1
                col = 0
            else:
                col += 1
            if ch == '"':
                in_string = not in_string
            if in_string:
                us, res = s.request(
                    "textDocument/completion",
                    {"textDocument": {"uri": uri}, "position": pos(line_no, col)},
                )
                assert res and res["items"], f"no completion at {line_no}:{col}"
                comp.append(us)
            us, res = s.request(
                "textDocument/hover",
                {"textDocument": {"uri": uri}, "position": pos(hover_line, hover_char)},
            )
            assert res and "contents" in res, f"no hover at {hover_line}:{hover_char}"
            hov.append(us)
            t_diag, _ = s.wait_diagnostics(uri, version)
            # The client sees the debounce (50 ms) too; the server log excludes it.
            diag_client.append((t_diag - t_change) * 1e6)
            keys += 1
            rest = args.pace_ms / 1e3 - (time.perf_counter() - t_change)
            if rest > 0:
                time.sleep(rest)
    time.sleep(0.2)
    with s.lock:
        server = {k: list(v) for k, v in s.server_times.items()}
        s.server_times.clear()
        typing_sizes = s.body_bytes.pop("textDocument/completion", [])
    # Requests on the settled document (its current version analysed): lookups.
    targets = [i for i, l in enumerate(doc) if 'modelId="us.anthropic' in l]
    targets = targets[:: max(1, len(targets) // 200)]
    settled_comp, settled_hov = [], []
    for ln in targets:
        ch = doc[ln].index('modelId="') + 12
        at = {"textDocument": {"uri": uri}, "position": pos(ln, ch)}
        us, res = s.request("textDocument/hover", at)
        assert res, f"no hover at {ln}:{ch}"
        settled_hov.append(us)
        us, res = s.request("textDocument/completion", at)
        assert res and res["items"], f"no completion at {ln}:{ch}"
        settled_comp.append(us)
    time.sleep(0.1)
    with s.lock:
        settled_server = {k: list(v) for k, v in s.server_times.items()}
        settled_sizes = s.body_bytes.pop("textDocument/completion", [])
    s.close()

    # 3. Busy neighbour: hovers on a small document while a large one is analysed in
    # full again and again (a `"""` opened and closed at its top turns every line after
    # it into a string and back: each version needs the whole document read again).
    s = Server(args.binary)
    s.initialize()
    small = document(1_000)
    big = document(args.lines)
    small_uri, big_uri = "file:///bench/small.py", "file:///bench/big.py"
    s.notify("textDocument/didOpen", {"textDocument": {"uri": small_uri, "languageId": "python", "version": 1, "text": small}})
    s.notify("textDocument/didOpen", {"textDocument": {"uri": big_uri, "languageId": "python", "version": 1, "text": big}})
    s.wait_diagnostics(big_uri, 1)
    small_char = small.split("\n")[14].index('modelId="') + 12
    hover_small = {"textDocument": {"uri": small_uri}, "position": pos(14, small_char)}
    quiet_hov, busy_hov = [], []
    # Paced like the hovers beside the busy neighbour below (5 ms apart): back-to-back
    # requests find warm caches and would flatter the idle figures.
    for _ in range(200):
        us, _ = s.request("textDocument/hover", hover_small)
        quiet_hov.append(us)
        time.sleep(0.005)
    time.sleep(0.1)
    with s.lock:
        quiet_server = list(s.server_times.get("textDocument/hover", []))
        quiet_served = list(s.server_times.get("served:textDocument/hover", []))
        s.server_times.clear()
    v = 1
    for k in range(40):
        v += 1
        top = pos(0, 0)
        change = (
            {"range": {"start": top, "end": top}, "text": '"""\n'}
            if k % 2 == 0
            else {"range": {"start": top, "end": pos(1, 0)}, "text": ""}
        )
        s.notify("textDocument/didChange", {"textDocument": {"uri": big_uri, "version": v}, "contentChanges": [change]})
        # Hovers on the small document while the large one is analysed.
        t_end = time.perf_counter() + 0.4
        while time.perf_counter() < t_end:
            us, _ = s.request("textDocument/hover", hover_small)
            busy_hov.append(us)
            time.sleep(0.005)
    time.sleep(0.3)
    with s.lock:
        busy_full = [
            us for k, v in s.server_times.items() if k.startswith("analysed:") for us in v
        ]
        busy_server = list(s.server_times.get("textDocument/hover", []))
        busy_served = list(s.server_times.get("served:textDocument/hover", []))
    s.close()

    print(f"\nbedrock-lsp e2e latency: {args.lines} lines ({len(text) / 1e6:.1f} MB), "
          f"{keys} keystrokes {args.pace_ms:.0f} ms apart; {n_diags} diagnostics in the document; "
          f"first diagnostics after didOpen: {open_ms:.1f} ms (client, debounce included)\n")
    print("| measure | n | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|")
    row("initialize, process start → response (client)", init_client)
    row("initialize handler (server)", init_server)
    row("settled document: completion round trip (client)", settled_comp)
    row("settled document: completion handler (server)", settled_server.get("textDocument/completion", []))
    row("settled document: hover round trip (client)", settled_hov)
    row("settled document: hover handler (server)", settled_server.get("textDocument/hover", []))
    row("typing: completion right after the keystroke, round trip (client)", comp)
    row("typing: completion handler (server)", server.get("textDocument/completion", []))
    row("typing: hover right after the keystroke, round trip (client)", hov)
    row("typing: hover handler (server)", server.get("textDocument/hover", []))
    row("typing: completion, arrival → response written (server)", server.get("served:textDocument/completion", []))
    row("typing: hover, arrival → response written (server)", server.get("served:textDocument/hover", []))
    row("keystroke → diagnostics (client, incl. 50 ms debounce)", diag_client)
    kinds = ("incremental", "incremental_copy", "edits", "edits_copy")
    row(
        "analysis of a keystroke's version (server)",
        [us for k in kinds for us in server.get("analysed:" + k, [])],
    )
    row("diagnostics: debounce end → published (server)", server.get("diagnostics", []))
    row("hover on a small doc, neighbour idle (client)", quiet_hov)
    row("hover on a small doc, neighbour re-analysed (client)", busy_hov)
    row("hover on a small doc, neighbour idle: handler (server)", quiet_server)
    row("hover on a small doc, neighbour re-analysed: handler (server)", busy_server)
    row("hover on a small doc, neighbour idle: arrival → response written (server)", quiet_served)
    row("hover on a small doc, neighbour re-analysed: arrival → response written (server)", busy_served)
    row("the neighbour's analyses, whole document re-read (server)", busy_full)
    for phase, sizes in (("typing", typing_sizes), ("settled", settled_sizes)):
        print(
            f"\ncompletion responses ({phase}): {len(sizes)}, body {pct(sizes, 50) / 1e3:.1f} KB "
            f"at the median, {max(sizes, default=0) / 1e3:.1f} KB at most",
            end="",
        )
    print()
    counts = {k: len(server.get("analysed:" + k, [])) for k in kinds}
    print(
        "\nkeystroke analyses: {edits} from the client's edits, {incremental} by comparing texts; "
        "{copies} updated a copy (a request still held the previous result)".format(
            edits=counts["edits"] + counts["edits_copy"],
            incremental=counts["incremental"] + counts["incremental_copy"],
            copies=counts["incremental_copy"] + counts["edits_copy"],
        )
    )


if __name__ == "__main__":
    sys.exit(main())
