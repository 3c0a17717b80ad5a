"""A PEP 517 build backend for a metadata-only package, using only the standard library.

It reads `name`, `version` and `dependencies` of pyproject.toml's [project] table (a flat
subset of TOML, as written by packaging/pre-commit-mirror.sh) and writes a wheel holding
just the .dist-info, so installing it installs its dependencies.
"""

import base64
import hashlib
import os
import re
import zipfile


def _project():
    text = open("pyproject.toml", encoding="utf-8").read()
    section = text.split("[project]", 1)[1].split("\n[", 1)[0]
    name = re.search(r'^name\s*=\s*"([^"]+)"', section, re.M).group(1)
    version = re.search(r'^version\s*=\s*"([^"]+)"', section, re.M).group(1)
    deps = re.search(r"^dependencies\s*=\s*\[([^\]]*)\]", section, re.M)
    requires = re.findall(r'"([^"]+)"', deps.group(1)) if deps else []
    return name, version, requires


def _dist_info():
    name, version, requires = _project()
    norm = re.sub(r"[-_.]+", "_", name).lower()
    metadata = "Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, version)
    metadata += "".join("Requires-Dist: %s\n" % r for r in requires)
    wheel = "Wheel-Version: 1.0\nGenerator: bedrock-lsp-pre-commit\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    return norm, version, {"METADATA": metadata, "WHEEL": wheel}


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    norm, version, files = _dist_info()
    info = "%s-%s.dist-info" % (norm, version)
    os.makedirs(os.path.join(metadata_directory, info), exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(metadata_directory, info, name), "w", encoding="utf-8") as f:
            f.write(text)
    return info


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    norm, version, files = _dist_info()
    info = "%s-%s.dist-info" % (norm, version)
    filename = "%s-%s-py3-none-any.whl" % (norm, version)
    record = []
    with zipfile.ZipFile(os.path.join(wheel_directory, filename), "w") as z:
        for name, text in files.items():
            data = text.encode("utf-8")
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            z.writestr("%s/%s" % (info, name), data)
            record.append("%s/%s,sha256=%s,%d" % (info, name, digest, len(data)))
        record.append("%s/RECORD,," % info)
        z.writestr("%s/RECORD" % info, "\n".join(record) + "\n")
    return filename


build_editable = build_wheel
prepare_metadata_for_build_editable = prepare_metadata_for_build_wheel
