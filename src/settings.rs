//! User settings: one typed, lenient struct fed from initializationOptions,
//! workspace/configuration and `.bedrock-lsp.toml`.
