"""Extract the bedrock-lsp executable from a wheel (its .data/scripts/), keeping it executable.

    python packaging/binary-from-wheel.py WHEEL OUTDIR     # prints OUTDIR/bedrock-lsp[.exe]

The release builds each target's binary once, in its wheel; npm packages, VSIXes and
archives take it from there.
"""

import os
import sys
import zipfile

wheel, out = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(wheel)
names = [n for n in z.namelist() if ".data/scripts/bedrock-lsp" in n]
if len(names) != 1:
    sys.exit("binary-from-wheel: expected one bedrock-lsp in %s/.data/scripts, found %s" % (wheel, names))
os.makedirs(out, exist_ok=True)
dest = os.path.join(out, os.path.basename(names[0]))
with z.open(names[0]) as src, open(dest, "wb") as dst:
    dst.write(src.read())
os.chmod(dest, 0o755)
print(dest)
