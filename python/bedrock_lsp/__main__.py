"""`python -m bedrock_lsp ARGS…` runs the `bedrock-lsp` executable of this installation."""

from __future__ import annotations

import os
import subprocess
import sys

from bedrock_lsp._find_bin import find_bedrock_lsp_bin


def main() -> int:
    try:
        exe = find_bedrock_lsp_bin()
    except FileNotFoundError as e:
        print(e, file=sys.stderr)
        return 2
    args = [exe, *sys.argv[1:]]
    if sys.platform == "win32":
        # No exec on Windows that keeps the console and exit code: run it and wait.
        try:
            return subprocess.run(args).returncode
        except KeyboardInterrupt:
            return 130
    # Replace this process: the server's stdin/stdout, signals and exit code are its own.
    os.execv(exe, args)
    return 2  # not reached


if __name__ == "__main__":
    sys.exit(main())
