#!/usr/bin/env bash
# Type-check the crate for other platforms: `cargo check --target T` (library and binary,
# default features, so the AWS SDK and the stdio fallback are checked too).
#
#   packaging/check-targets.sh [TRIPLE…]     # default: x86_64-pc-windows-gnu aarch64-apple-darwin
#
# The AWS SDK's TLS (ring) compiles C in its build script even for `cargo check`, so each
# target needs a C compiler: zig from PyPI (`ziglang`, in packaging/.venv) serves all of
# them through small wrapper scripts (CC_<target>, AR_<target>). Standard libraries come
# from `rustup target add`. Linking is not attempted.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(x86_64-pc-windows-gnu aarch64-apple-darwin)
py="$(EXTRA_TOOLS="ziglang==0.15.1" "$here/tools-venv.sh")/python"
rustup target add "${targets[@]}"
wrappers="$repo/target/zig-wrappers"
mkdir -p "$wrappers"
for t in "${targets[@]}"; do
  case "$t" in
    x86_64-pc-windows-gnu) zt=x86_64-windows-gnu ;;
    aarch64-apple-darwin) zt=aarch64-macos ;;
    x86_64-apple-darwin) zt=x86_64-macos ;;
    aarch64-unknown-linux-gnu) zt=aarch64-linux-gnu ;;
    x86_64-unknown-linux-musl) zt=x86_64-linux-musl ;;
    aarch64-unknown-linux-musl) zt=aarch64-linux-musl ;;
    *) echo "check-targets.sh: no zig target for $t" >&2; exit 2 ;;
  esac
  u="${t//-/_}"
  # cc-rs sees a clang and adds `--target=<rust triple>`, which zig does not parse: drop it.
  cat >"$wrappers/$t-cc" <<SH
#!/bin/sh
for a in "\$@"; do shift; case "\$a" in --target=*) ;; *) set -- "\$@" "\$a" ;; esac; done
exec "$py" -m ziglang cc -target $zt "\$@"
SH
  printf '#!/bin/sh\nexec "%s" -m ziglang ar "$@"\n' "$py" >"$wrappers/$t-ar"
  chmod +x "$wrappers/$t-cc" "$wrappers/$t-ar"
  echo "==> cargo check --target $t"
  start=$SECONDS
  log="$repo/target/check-$t.log"
  env "CC_$u=$wrappers/$t-cc" "AR_$u=$wrappers/$t-ar" \
    cargo check --manifest-path "$repo/Cargo.toml" --locked --target "$t" --bins --lib 2>&1 | tee "$log"
  # Warnings in our crate fail too (as clippy -D warnings does on the host).
  if grep -q '^warning: `bedrock-lsp`' "$log"; then
    echo "check-targets.sh: warnings in bedrock-lsp for $t" >&2
    exit 1
  fi
  echo "==> $t: ok in $((SECONDS - start)) s"
done
