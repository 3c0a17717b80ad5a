"""Where the `bedrock-lsp` executable of this installation is.

pip (and uv, pipx) put a wheel's scripts in a directory that depends on how it was
installed; this package lives in site-packages (or a `--target` directory) and the
executable sits in that installation's scripts directory:

- an environment or the system:  sysconfig's "scripts" path (`.venv/bin`, `Scripts\\`);
- `pip install --user`:          the user scheme's "scripts" path;
- `pip install --prefix P`:      `P/bin` (`P\\Scripts` on Windows), found from this file;
- `pip install --target T`:      `T/bin`, next to this package.

The first existing executable wins. Nothing here looks at PATH: a `bedrock-lsp` on PATH
may be another version than this package's.
"""

from __future__ import annotations

import os
import sys
import sysconfig


def _exe_name() -> str:
    return "bedrock-lsp" + (sysconfig.get_config_var("EXE") or "")


def _user_scheme() -> str | None:
    getter = getattr(sysconfig, "get_preferred_scheme", None)
    if getter is not None:  # Python 3.10+
        return getter("user")
    if os.name == "nt":
        return "nt_user"
    if sys.platform == "darwin" and sys._framework:  # type: ignore[attr-defined]
        return "osx_framework_user"
    return "posix_user"


def _package_relative_dirs(package_dir: str) -> list[str]:
    """Scripts directories implied by where this package was installed."""
    dirs = []
    parent = os.path.dirname(package_dir)
    # `--target T`: T/bedrock_lsp and T/bin.
    dirs.append(os.path.join(parent, "bin"))
    # `--prefix P` on POSIX: P/lib/pythonX.Y/site-packages/bedrock_lsp, P/bin.
    site = parent
    lib_python = os.path.dirname(site)
    lib = os.path.dirname(lib_python)
    if (
        os.path.basename(site) in ("site-packages", "dist-packages")
        and os.path.basename(lib_python).startswith("python")
        and os.path.basename(lib) in ("lib", "lib64")
    ):
        dirs.append(os.path.join(os.path.dirname(lib), "bin"))
    # `--prefix P` on Windows: P\Lib\site-packages\bedrock_lsp, P\Scripts.
    if os.path.basename(site).lower() == "site-packages" and os.path.basename(lib_python).lower() == "lib":
        dirs.append(os.path.join(os.path.dirname(lib_python), "Scripts"))
    return dirs


def candidate_paths() -> list[str]:
    """Every place looked at, in order (for the error message and the tests)."""
    name = _exe_name()
    dirs = [sysconfig.get_path("scripts")]
    scheme = _user_scheme()
    if scheme is not None:
        try:
            dirs.append(sysconfig.get_path("scripts", scheme=scheme))
        except KeyError:
            pass
    dirs.extend(_package_relative_dirs(os.path.dirname(os.path.abspath(__file__))))
    seen = []
    for d in dirs:
        if d and os.path.join(d, name) not in seen:
            seen.append(os.path.join(d, name))
    return seen


def find_bedrock_lsp_bin() -> str:
    """The path of the `bedrock-lsp` executable installed with this package."""
    tried = candidate_paths()
    for path in tried:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise FileNotFoundError(
        "bedrock-lsp: the executable installed with the Python package was not found; looked at: "
        + ", ".join(tried)
    )
