"""bedrock-lsp: a language server and CI linter for Amazon Bedrock model IDs.

The wheel carries the `bedrock-lsp` executable in the environment's scripts directory;
`find_bedrock_lsp_bin()` returns its path and `python -m bedrock_lsp` runs it.
"""

from bedrock_lsp._find_bin import find_bedrock_lsp_bin

__all__ = ["find_bedrock_lsp_bin"]
