#!/usr/bin/env python3
"""Peak RSS of the server with N open documents of L lines, driven over stdio.

Usage: benches/rss_open_docs.py path/to/bedrock-lsp N L   (e.g. 3000 40, or 200 1000)
"""
import json,subprocess,sys,time
def frame(o):
    b=json.dumps(o).encode(); return b"Content-Length: %d\r\n\r\n"%len(b)+b
p=subprocess.Popen([sys.argv[1]],stdin=subprocess.PIPE,stdout=subprocess.PIPE,stderr=subprocess.DEVNULL)
def rd():
    h=b""
    while not h.endswith(b"\r\n\r\n"): h+=p.stdout.read(1)
    n=int(h.split(b":")[1].split(b"\r")[0]); return json.loads(p.stdout.read(n))
def rss():
    d=dict(l.split(":",1) for l in open(f"/proc/{p.pid}/status").read().splitlines() if ":" in l)
    return d["VmRSS"].strip(), d["VmHWM"].strip()
p.stdin.write(frame({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}})); p.stdin.flush(); rd()
p.stdin.write(frame({"jsonrpc":"2.0","method":"initialized","params":{}})); p.stdin.flush()
print("after initialize", rss())
n=int(sys.argv[2]); lines=int(sys.argv[3])
body="".join(f"x{i} = client.converse(modelId=\"amazon.nova-pro-v1:0\")  # line {i}\n" if i%10==0 else f"def f{i}(a, b):\n" for i in range(lines))
for i in range(n):
    p.stdin.write(frame({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":f"file:///d/{i}.py","languageId":"python","version":1,"text":body}}}))
p.stdin.flush()
seen=set(); t0=time.time()
while len(seen)<n:
    m=rd()
    if m.get("method")=="textDocument/publishDiagnostics": seen.add(m["params"]["uri"])
print(f"{n} docs x {lines} lines ({len(body)} B each): all diagnostics in {time.time()-t0:.1f}s; RSS, peak:", rss())
p.kill()
