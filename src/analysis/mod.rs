//! Pure product decisions: (literals, catalog, settings) → diagnostics, completions,
//! hover cards and code actions, in byte offsets. Tested without a client.
