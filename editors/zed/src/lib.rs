//! Zed extension: starts `bedrock-lsp serve` and hands it the `lsp.bedrock-lsp.settings` as
//! the `bedrock` section. The server is, in order: `lsp.bedrock-lsp.binary.path`; a
//! `bedrock-lsp` on the worktree's `PATH` (its shell environment, so an activated `.venv`
//! or a `pip install --user` counts); else the npm package `bedrock-lsp` of this version,
//! installed by Zed into the extension's work directory, whose per-platform dependency
//! holds the prebuilt binary (run directly: no Node needed to start it).

use std::fs;

use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result};

/// The npm package; its version is this extension's (tests/it/package_versions.rs keeps both
/// equal to the server's).
const NPM_PACKAGE: &str = "bedrock-lsp";
const VERSION: &str = env!("CARGO_PKG_VERSION");

struct BedrockLsp {
    /// The npm-installed binary, once found or installed in this session.
    cached: Option<String>,
}

/// The per-platform npm packages that may hold this platform's binary, best first.
fn platform_packages() -> Result<(Vec<String>, &'static str)> {
    let (os, arch) = zed::current_platform();
    let arch = match arch {
        zed::Architecture::Aarch64 => "arm64",
        zed::Architecture::X8664 => "x64",
        other => return Err(format!("bedrock-lsp: no prebuilt binary for {other:?}")),
    };
    Ok(match os {
        // Zed's Linux builds use glibc; a static musl build runs there too.
        zed::Os::Linux => (
            vec![
                format!("@bedrock-lsp/linux-{arch}"),
                format!("@bedrock-lsp/linux-{arch}-musl"),
            ],
            "bedrock-lsp",
        ),
        zed::Os::Mac => (vec![format!("@bedrock-lsp/darwin-{arch}")], "bedrock-lsp"),
        zed::Os::Windows => (
            vec![format!("@bedrock-lsp/win32-{arch}")],
            "bedrock-lsp.exe",
        ),
    })
}

impl BedrockLsp {
    fn installed_binary(&self) -> Result<Option<String>> {
        let (packages, exe) = platform_packages()?;
        let dir = std::env::current_dir().map_err(|e| e.to_string())?;
        Ok(packages.iter().find_map(|p| {
            let path = dir.join("node_modules").join(p).join("bin").join(exe);
            fs::metadata(&path)
                .is_ok_and(|m| m.is_file())
                .then(|| path.to_string_lossy().into_owned())
        }))
    }

    fn npm_binary(&mut self, id: &LanguageServerId) -> Result<String> {
        if let Some(path) = &self.cached {
            if fs::metadata(path).is_ok_and(|m| m.is_file()) {
                return Ok(path.clone());
            }
        }
        let installed = zed::npm_package_installed_version(NPM_PACKAGE)?;
        if installed.as_deref() != Some(VERSION) || self.installed_binary()?.is_none() {
            zed::set_language_server_installation_status(
                id,
                &zed::LanguageServerInstallationStatus::Downloading,
            );
            let result = zed::npm_install_package(NPM_PACKAGE, VERSION);
            zed::set_language_server_installation_status(
                id,
                &zed::LanguageServerInstallationStatus::None,
            );
            result.map_err(|e| {
                format!(
                    "bedrock-lsp: installing the npm package {NPM_PACKAGE}@{VERSION} failed ({e}); \
                     put bedrock-lsp on PATH (pip install bedrock-lsp) or set lsp.bedrock-lsp.binary.path"
                )
            })?;
        }
        let path = self.installed_binary()?.ok_or_else(|| {
            format!(
                "bedrock-lsp: the npm package {NPM_PACKAGE}@{VERSION} has no binary for this platform; \
                 put bedrock-lsp on PATH (pip install bedrock-lsp) or set lsp.bedrock-lsp.binary.path"
            )
        })?;
        zed::make_file_executable(&path)?;
        self.cached = Some(path.clone());
        Ok(path)
    }
}

impl zed::Extension for BedrockLsp {
    fn new() -> Self {
        BedrockLsp { cached: None }
    }

    fn language_server_command(
        &mut self,
        language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(language_server_id.as_ref(), worktree)
            .ok()
            .and_then(|s| s.binary);
        let command = match binary
            .as_ref()
            .and_then(|b| b.path.clone())
            .or_else(|| worktree.which("bedrock-lsp"))
        {
            Some(path) => path,
            None => self.npm_binary(language_server_id)?,
        };
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
