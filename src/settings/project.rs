//! Where a project keeps its settings: `.bedrock-lsp.toml`, or the `[tool.bedrock-lsp]`
//! table of `pyproject.toml` (same keys). In each directory, from a file's own upward,
//! the first of these that exists is the one in force (a `pyproject.toml` counts only
//! when it has the table); `.bedrock-lsp.toml` wins over a `pyproject.toml` beside it.
//! Settings files are not merged.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The dedicated settings file.
pub const PROJECT_FILE: &str = ".bedrock-lsp.toml";
/// Python's project file; our settings live in its `[tool.bedrock-lsp]` table.
pub const PYPROJECT_FILE: &str = "pyproject.toml";

/// Which kind of file holds the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProjectFileKind {
    /// `.bedrock-lsp.toml`: the whole file is the settings table.
    Dedicated,
    /// `pyproject.toml`: the `[tool.bedrock-lsp]` table.
    PyProject,
}

impl ProjectFileKind {
    /// The file name of this kind.
    pub fn file_name(self) -> &'static str {
        match self {
            ProjectFileKind::Dedicated => PROJECT_FILE,
            ProjectFileKind::PyProject => PYPROJECT_FILE,
        }
    }

    /// The keys of the settings table inside the file (empty: the file's root).
    pub fn table_path(self) -> &'static [&'static str] {
        match self {
            ProjectFileKind::Dedicated => &[],
            ProjectFileKind::PyProject => &["tool", "bedrock-lsp"],
        }
    }

    /// The kind of a file by its name (`None` for any other file).
    pub fn of(path: &Path) -> Option<ProjectFileKind> {
        match path.file_name()?.to_str()? {
            PROJECT_FILE => Some(ProjectFileKind::Dedicated),
            PYPROJECT_FILE => Some(ProjectFileKind::PyProject),
            _ => None,
        }
    }
}

/// A settings file on disk.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProjectFile {
    pub path: PathBuf,
    pub kind: ProjectFileKind,
}

impl ProjectFile {
    /// The directory the file's relative paths (globs, catalog paths) are relative to.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }
}

/// A project's settings file as a code action sees it (see
/// `analysis::code_actions`).
#[derive(Debug, Clone, Copy)]
pub struct ProjectSettingsFile<'a> {
    pub kind: ProjectFileKind,
    /// Its current text (`None`: it does not exist yet and would be created).
    pub text: Option<&'a str>,
}

/// Largest settings file read (a `pyproject.toml` is rarely over a few KB).
pub const MAX_PROJECT_FILE: u64 = 1024 * 1024;

/// The settings file of directory `dir` itself (its parents are not looked at):
/// `.bedrock-lsp.toml` when it exists, else `pyproject.toml` when it has a
/// `[tool.bedrock-lsp]` table. A `pyproject.toml` that does not parse counts when it
/// mentions `tool.bedrock-lsp` (so that its error is reported rather than skipped).
pub fn in_dir(dir: &Path) -> Option<ProjectFile> {
    let dedicated = dir.join(PROJECT_FILE);
    if dedicated.is_file() {
        return Some(ProjectFile {
            path: dedicated,
            kind: ProjectFileKind::Dedicated,
        });
    }
    let py = dir.join(PYPROJECT_FILE);
    if !py.is_file() {
        return None;
    }
    let text = std::fs::read_to_string(&py).ok()?;
    let has_table = match settings_table(&text, ProjectFileKind::PyProject) {
        Ok(table) => table.is_some(),
        Err(_) => text.contains("tool.bedrock-lsp"),
    };
    has_table.then_some(ProjectFile {
        path: py,
        kind: ProjectFileKind::PyProject,
    })
}

/// The nearest settings file at or above `dir`.
pub fn nearest(dir: &Path) -> Option<ProjectFile> {
    dir.ancestors().find_map(in_dir)
}

/// The settings table of a settings file's text, as JSON: the whole file for
/// `.bedrock-lsp.toml`, `[tool.bedrock-lsp]` for `pyproject.toml` (`None` when it
/// has no such table). A file that does not parse is an error (one line).
pub fn settings_table(text: &str, kind: ProjectFileKind) -> Result<Option<Value>, String> {
    let value =
        toml::from_str::<toml::Value>(text).map_err(|e| e.to_string().trim().replace('\n', " "))?;
    let mut table = &value;
    for key in kind.table_path() {
        match table.get(key) {
            Some(t) => table = t,
            None => return Ok(None),
        }
    }
    if !table.is_table() {
        return Err(format!("`{}` must be a table", kind.table_path().join(".")));
    }
    serde_json::to_value(table)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// Read a settings file's table (see [`settings_table`]); errors name the file.
pub fn read(file: &ProjectFile) -> Result<Option<Value>, String> {
    let text = read_text(&file.path)?;
    match text {
        None => Ok(None),
        Some(text) => {
            settings_table(&text, file.kind).map_err(|e| format!("{}: {e}", file.path.display()))
        }
    }
}

/// The text of a settings file (`None`: it does not exist); errors name the file.
pub fn read_text(path: &Path) -> Result<Option<String>, String> {
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_PROJECT_FILE => {
            return Err(format!(
                "{}: larger than {} KiB; ignored",
                path.display(),
                MAX_PROJECT_FILE >> 10
            ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    match std::fs::read_to_string(path) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: cannot read: {e}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pyproject_table_and_precedence() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("pkg/sub");
        std::fs::create_dir_all(&sub).unwrap();
        assert_eq!(nearest(&sub), None);
        // A pyproject.toml without our table does not count.
        std::fs::write(
            dir.path().join("pkg/pyproject.toml"),
            "[tool.ruff]\nx = 1\n",
        )
        .unwrap();
        assert_eq!(nearest(&sub), None);
        std::fs::write(
            dir.path().join("pkg/pyproject.toml"),
            "[project]\nname = \"x\"\n\n[tool.bedrock-lsp]\nregion = \"eu-west-1\"\n",
        )
        .unwrap();
        let found = nearest(&sub).unwrap();
        assert_eq!(found.kind, ProjectFileKind::PyProject);
        assert_eq!(
            read(&found).unwrap(),
            Some(serde_json::json!({"region": "eu-west-1"}))
        );
        // A .bedrock-lsp.toml above does not win over the nearer pyproject.toml …
        std::fs::write(dir.path().join(PROJECT_FILE), "region = \"us-east-1\"\n").unwrap();
        assert_eq!(nearest(&sub).unwrap().kind, ProjectFileKind::PyProject);
        // … one beside it does.
        std::fs::write(dir.path().join("pkg").join(PROJECT_FILE), "").unwrap();
        assert_eq!(nearest(&sub).unwrap().kind, ProjectFileKind::Dedicated);
        // A broken pyproject.toml that names our table is reported, not skipped.
        std::fs::remove_file(dir.path().join("pkg").join(PROJECT_FILE)).unwrap();
        std::fs::write(
            dir.path().join("pkg/pyproject.toml"),
            "[tool.bedrock-lsp]\nregion = \n",
        )
        .unwrap();
        let found = nearest(&sub).unwrap();
        assert!(read(&found).unwrap_err().contains("pyproject.toml"));
    }
}
