//! Zed extension: starts `bedrock-lsp serve` (from `lsp.bedrock-lsp.binary.path`, else
//! `PATH`) and hands it the `lsp.bedrock-lsp.settings` as the `bedrock` section.

use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result};

struct BedrockLsp;

impl zed::Extension for BedrockLsp {
    fn new() -> Self {
        BedrockLsp
    }

    fn language_server_command(
        &mut self,
        language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(language_server_id.as_ref(), worktree)
            .ok()
            .and_then(|s| s.binary);
        let command = binary
            .as_ref()
            .and_then(|b| b.path.clone())
            .or_else(|| worktree.which("bedrock-lsp"))
            .ok_or_else(|| {
                "bedrock-lsp not found: put it on PATH (cargo install --path . in a clone) \
                 or set lsp.bedrock-lsp.binary.path"
                    .to_string()
            })?;
        let args = binary
            .and_then(|b| b.arguments)
            .unwrap_or_else(|| vec!["serve".into()]);
        Ok(zed::Command {
            command,
            args,
            env: worktree.shell_env(),
        })
    }

    fn language_server_workspace_configuration(
        &mut self,
        language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        let settings = LspSettings::for_worktree(language_server_id.as_ref(), worktree)
            .ok()
            .and_then(|s| s.settings)
            .unwrap_or_else(|| zed::serde_json::json!({}));
        Ok(Some(zed::serde_json::json!({ "bedrock": settings })))
    }
}

zed::register_extension!(BedrockLsp);
