//! Edits to a project's settings file that keep everything else as it was: comments,
//! layout, the order and spelling of the other keys (through `toml_edit`). Used by the
//! "ignore this ID in the project" code action; the server sends the smallest edit
//! that turns the old text into the new one ([`minimal_edit`]).

use std::ops::Range;

use toml_edit::{Array, DocumentMut, Item, Table, Value};

use super::norm_key;
use super::project::ProjectFileKind;

/// The text of a settings file of `kind` with `value` added to the list `key` of the
/// settings table (`ignore_ids`, `ignore_codes` …: any spelling of the key already there
/// is used, else `key` as given). Creates the table (`[tool.bedrock-lsp]`) and the key
/// when absent; a value already listed leaves the text unchanged. `text` is the
/// current text (`""` for a file that does not exist yet). An error when the text does
/// not parse, or the key holds something other than a string or a list of strings.
pub fn add_to_list(
    text: &str,
    kind: ProjectFileKind,
    key: &str,
    value: &str,
) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string().trim().replace('\n', " "))?;
    let table = settings_table_mut(&mut doc, kind.table_path())?;
    let wanted = norm_key(key);
    let existing = table
        .iter()
        .map(|(k, _)| k.to_string())
        .find(|k| norm_key(k) == wanted);
    match existing {
        None => {
            let mut array = Array::new();
            array.push(value);
            table.insert(key, toml_edit::value(array));
        }
        Some(k) => {
            let item = table.get_mut(&k).expect("the key was just found");
            match item.as_value_mut() {
                Some(Value::Array(array)) => {
                    if !array.iter().all(|v| v.is_str()) {
                        return Err(format!("`{k}` holds something other than strings"));
                    }
                    if array.iter().any(|v| v.as_str() == Some(value)) {
                        return Ok(text.to_string());
                    }
                    push_like_the_last(array, value);
                }
                Some(Value::String(s)) => {
                    if s.value() == value {
                        return Ok(text.to_string());
                    }
                    let mut array = Array::new();
                    array.push(s.value().as_str());
                    array.push(value);
                    let decor = s.decor().clone();
                    let mut new = Value::Array(array);
                    *new.decor_mut() = decor;
                    *item = Item::Value(new);
                }
                _ => return Err(format!("`{k}` is not a list of strings")),
            }
        }
    }
    let mut out = doc.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

/// The settings table (created when absent; a new `[tool.bedrock-lsp]` is written
/// without an empty `[tool]` header).
fn settings_table_mut<'a>(
    doc: &'a mut DocumentMut,
    path: &[&str],
) -> Result<&'a mut Table, String> {
    let mut table = doc.as_table_mut();
    for (depth, key) in path.iter().enumerate() {
        let last = depth + 1 == path.len();
        let entry = table.entry(key).or_insert_with(|| {
            let mut t = Table::new();
            t.set_implicit(!last);
            Item::Table(t)
        });
        table = match entry {
            Item::Table(t) => t,
            _ => {
                return Err(format!(
                    "`{}` is not a table (an inline table cannot be edited here)",
                    path[..=depth].join(".")
                ))
            }
        };
    }
    Ok(table)
}

/// Push `value` at the end of `array`, laid out like the last element (on its own line
/// in a multi-line array, after a space in a one-line one).
fn push_like_the_last(array: &mut Array, value: &str) {
    let prefix = array
        .iter()
        .last()
        .and_then(|v| v.decor().prefix())
        .and_then(|p| p.as_str())
        // Only the last line's indentation: a comment before the last element (which
        // toml_edit keeps in its prefix) is not copied.
        .map(|p| match p.rfind('\n') {
            Some(i) => format!("\n{}", &p[i + 1..]),
            None => p.to_string(),
        });
    let mut new = Value::from(value);
    // A multi-line array whose last line has a comment after its comma (`"a", # why`):
    // toml_edit keeps that comment in the array's trailing text, which would end up
    // after the new element; it stays on its line instead.
    if let Some(indent) = prefix.as_deref().and_then(|p| p.strip_prefix('\n')) {
        let trailing = array.trailing().as_str().unwrap_or("").to_string();
        if array.trailing_comma() {
            if let Some(i) = trailing.rfind('\n') {
                new.decor_mut()
                    .set_prefix(format!("{}\n{indent}", &trailing[..i]));
                array.set_trailing(format!("\n{}", &trailing[i + 1..]));
                array.push_formatted(new);
                return;
            }
        }
    }
    match prefix {
        // The first element usually has no prefix: a space after the comma.
        Some(p) if !p.is_empty() => new.decor_mut().set_prefix(p),
        _ if array.is_empty() => new.decor_mut().set_prefix(""),
        _ => new.decor_mut().set_prefix(" "),
    }
    array.push_formatted(new);
}

/// The smallest single edit that turns `old` into `new`: the byte range of `old` to
/// replace (on character boundaries) and the text to put there.
pub fn minimal_edit<'a>(old: &str, new: &'a str) -> (Range<usize>, &'a str) {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    (prefix..old.len() - suffix, &new[prefix..new.len() - suffix])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    fn add(text: &str, kind: ProjectFileKind) -> String {
        add_to_list(text, kind, "ignore_ids", "x.y").unwrap()
    }

    /// The new text parses, and its settings list `x.y` besides what was there.
    fn reads_back(text: &str, kind: ProjectFileKind) -> Settings {
        let mut s = Settings::default();
        let table = crate::settings::project::settings_table(text, kind)
            .unwrap()
            .expect("settings table");
        assert!(s.apply_json(&table, "t").is_empty(), "{text}");
        assert!(s.ignore_ids.contains(&"x.y".to_string()), "{text}");
        s
    }

    #[test]
    fn multi_line_array_gets_one_more_line() {
        let old = "# team settings\nignore_ids = [\n  \"a.b\",  # legacy\n  \"c.d\",\n]\nregion = \"us-east-1\"\n";
        let new = add(old, ProjectFileKind::Dedicated);
        assert_eq!(
            new,
            "# team settings\nignore_ids = [\n  \"a.b\",  # legacy\n  \"c.d\",\n  \"x.y\",\n]\nregion = \"us-east-1\"\n"
        );
        assert_eq!(
            reads_back(&new, ProjectFileKind::Dedicated).ignore_ids,
            ["a.b", "c.d", "x.y"]
        );
    }

    #[test]
    fn a_comment_after_the_last_element_stays_on_its_line() {
        let old = "ignore_ids = [\n  \"a.b\",\n  \"c.d\",  # old ] id\n]\n";
        let new = add(old, ProjectFileKind::Dedicated);
        assert_eq!(
            new,
            "ignore_ids = [\n  \"a.b\",\n  \"c.d\",  # old ] id\n  \"x.y\",\n]\n"
        );
        reads_back(&new, ProjectFileKind::Dedicated);
    }

    #[test]
    fn a_comment_containing_a_bracket_is_kept() {
        let old = "ignore-ids = [\"a.b\"] # keep [these] ] ids\n";
        let new = add(old, ProjectFileKind::Dedicated);
        assert_eq!(
            new,
            "ignore-ids = [\"a.b\", \"x.y\"] # keep [these] ] ids\n"
        );
        reads_back(&new, ProjectFileKind::Dedicated);
    }

    #[test]
    fn a_table_before_the_key_and_other_spellings() {
        // The key lives in the root table, written before the first table header.
        let old = "region = \"us-east-1\"\n\n[severity]\n# quieter\nlegacy-model = \"hint\"\n";
        let new = add(old, ProjectFileKind::Dedicated);
        assert_eq!(
            new,
            "region = \"us-east-1\"\nignore_ids = [\"x.y\"]\n\n[severity]\n# quieter\nlegacy-model = \"hint\"\n"
        );
        reads_back(&new, ProjectFileKind::Dedicated);
        // A file that starts with a table whose own `ignore_ids` is not ours.
        let old = "[severity]\nignore_ids = [\"not.this\"]\n";
        let new = add(old, ProjectFileKind::Dedicated);
        assert_eq!(
            new,
            "ignore_ids = [\"x.y\"]\n[severity]\nignore_ids = [\"not.this\"]\n"
        );
        // `ignoreIds` already there: that key is extended, no second one written.
        let new = add("ignoreIds = \"a.b\"\n", ProjectFileKind::Dedicated);
        assert_eq!(new, "ignoreIds = [\"a.b\", \"x.y\"]\n");
        // Already listed: unchanged.
        let same = "ignore_ids = [\"x.y\"] # done\n";
        assert_eq!(add(same, ProjectFileKind::Dedicated), same);
    }

    #[test]
    fn an_absent_file_is_written_whole() {
        assert_eq!(
            add("", ProjectFileKind::Dedicated),
            "ignore_ids = [\"x.y\"]\n"
        );
        assert_eq!(
            add("", ProjectFileKind::PyProject),
            "[tool.bedrock-lsp]\nignore_ids = [\"x.y\"]\n"
        );
    }

    #[test]
    fn pyproject_table_is_edited_in_place() {
        let old = "[project]\nname = \"app\" # the app\n\n[tool.bedrock-lsp]\nregion = \"eu-west-1\"\nignore_ids = [\"a.b\"]\n\n[tool.ruff]\nline-length = 100\n";
        let new = add(old, ProjectFileKind::PyProject);
        assert_eq!(
            new,
            "[project]\nname = \"app\" # the app\n\n[tool.bedrock-lsp]\nregion = \"eu-west-1\"\nignore_ids = [\"a.b\", \"x.y\"]\n\n[tool.ruff]\nline-length = 100\n"
        );
        reads_back(&new, ProjectFileKind::PyProject);
        // No table yet: it is added at the end, the rest untouched.
        let old = "[project]\nname = \"app\"\n\n[tool.ruff]\nline-length = 100\n";
        let new = add(old, ProjectFileKind::PyProject);
        assert_eq!(
            new,
            "[project]\nname = \"app\"\n\n[tool.ruff]\nline-length = 100\n\n[tool.bedrock-lsp]\nignore_ids = [\"x.y\"]\n"
        );
        reads_back(&new, ProjectFileKind::PyProject);
    }

    #[test]
    fn broken_or_odd_files_are_refused() {
        assert!(add_to_list(
            "ignore_ids = [",
            ProjectFileKind::Dedicated,
            "ignore_ids",
            "x"
        )
        .is_err());
        assert!(add_to_list(
            "ignore_ids = 3",
            ProjectFileKind::Dedicated,
            "ignore_ids",
            "x"
        )
        .is_err());
        assert!(add_to_list(
            "tool = { x = 1 }",
            ProjectFileKind::PyProject,
            "ignore_ids",
            "x"
        )
        .is_err());
    }

    #[test]
    fn minimal_edits() {
        assert_eq!(minimal_edit("abc", "abXc"), (2..2, "X"));
        assert_eq!(minimal_edit("", "new"), (0..0, "new"));
        assert_eq!(minimal_edit("same", "same"), (4..4, ""));
        assert_eq!(minimal_edit("aa", "aaa"), (2..2, "a"));
        // On character boundaries: é and è share their first byte.
        assert_eq!(minimal_edit("é", "è"), (0..2, "è"));
        let old = "ignore_ids = [\n  \"a\",\n]\n";
        let new = "ignore_ids = [\n  \"a\",\n  \"b\",\n]\n";
        let (r, t) = minimal_edit(old, new);
        let mut applied = old.to_string();
        applied.replace_range(r, t);
        assert_eq!(applied, new);
    }
}
