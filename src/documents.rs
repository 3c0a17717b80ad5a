//! Open documents: text as a rope, version, language; incremental edits; conversion
//! between byte offsets and LSP positions in the negotiated encoding.
