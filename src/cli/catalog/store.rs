//! `catalog import`, `catalog refresh` and `catalog update`: the commands that write
//! the user catalog directory (each file renamed into place whole; a failure leaves the
//! stored catalog as it was).

use std::path::{Path, PathBuf};

#[cfg(feature = "update")]
use super::{load, print};
use crate::catalog::{import, user_catalog_dir, Catalog, CatalogError, Date};

/// Why `catalog refresh` does nothing in a build without the `aws` feature.
#[cfg(not(feature = "aws"))]
const NO_AWS_MESSAGE: &str = "this build has no AWS support; rebuild with `--features aws` \
(on by default) or use `bedrock-lsp catalog import` with the output of \
`aws bedrock list-foundation-models --output json` and `aws bedrock list-inference-profiles --output json`";

#[cfg(not(feature = "update"))]
pub(super) fn update(_url: Option<String>, _timeout: u64) -> u8 {
    eprintln!(
        "bedrock-lsp: catalog update: this build has no download support; rebuild with `--features update` (on by default), or install a catalog file in the user catalog directory yourself"
    );
    2
}

/// `catalog update`: exit 0 when installed or already up to date, 2 when nothing was
/// installed (bad URL, download, checksum or schema failure: the last good catalog
/// stays in place).
#[cfg(feature = "update")]
pub(super) fn update(url: Option<String>, timeout: u64) -> u8 {
    use crate::catalog::update::{self, Outcome};
    let Some(dir) = user_catalog_dir() else {
        eprintln!("bedrock-lsp: no user catalog directory (set BEDROCK_LSP_CATALOG_DIR)");
        return 2;
    };
    let url = url
        .or_else(|| {
            std::env::var("BEDROCK_LSP_CATALOG_URL")
                .ok()
                .filter(|u| !u.is_empty())
        })
        .unwrap_or_else(|| update::DEFAULT_URL.to_string());
    let current = load();
    match update::update(&url, &dir, std::time::Duration::from_secs(timeout), &current) {
        Ok(Outcome::Installed {
            as_of,
            models,
            path,
            previous,
        }) => {
            let kept = previous
                .map(|p| format!("; the previous one is kept as {}", p.display()))
                .unwrap_or_default();
            print(&format!(
                "installed the published catalog as of {as_of} ({models} models) at {}{kept}\n",
                path.display()
            ))
        }
        Ok(Outcome::UpToDate { published, current }) => print(&format!(
            "up to date: the published catalog is as of {published}, the one in use as of {current}\n"
        )),
        Err(e) => {
            eprintln!("bedrock-lsp: catalog update: {e}; nothing was installed");
            2
        }
    }
}

#[cfg(not(feature = "aws"))]
pub(super) fn refresh(
    _regions: Vec<String>,
    _profile: Option<String>,
    _timeout: u64,
    _today: Date,
) -> u8 {
    eprintln!("bedrock-lsp: catalog refresh: {NO_AWS_MESSAGE}");
    2
}

/// `catalog refresh`: exit 0 when every Region was stored, 1 when some Region failed
/// (the others are kept), 2 for usage errors.
#[cfg(feature = "aws")]
pub(super) fn refresh(
    regions: Vec<String>,
    profile: Option<String>,
    timeout: u64,
    today: Date,
) -> u8 {
    use crate::catalog::refresh::{self, StartError};
    let Some(dir) = user_catalog_dir() else {
        eprintln!("bedrock-lsp: no user catalog directory (set BEDROCK_LSP_CATALOG_DIR)");
        return 2;
    };
    let opts = refresh::Options {
        regions,
        profile,
        timeout: std::time::Duration::from_secs(timeout),
        today,
        dir,
    };
    let results = match refresh::refresh(&opts) {
        Ok(r) => r,
        Err(StartError::Usage(m)) => {
            eprintln!("bedrock-lsp: catalog refresh: {m}");
            return 2;
        }
        Err(StartError::Failed(m)) => {
            eprintln!("bedrock-lsp: catalog refresh: {m}");
            eprintln!("bedrock-lsp: nothing refreshed; the stored catalog is unchanged");
            return 1;
        }
    };
    let mut failed = 0;
    for (region, res) in &results {
        match res {
            Ok(s) => {
                let acct = s
                    .account
                    .as_deref()
                    .map(|a| format!(", account {a}"))
                    .unwrap_or_default();
                println!(
                    "{region}{acct}: {} models, {} inference profiles, {} new IDs -> {}",
                    s.models,
                    s.profiles,
                    s.new_ids,
                    s.path.display()
                );
                for why in &s.skipped {
                    eprintln!("bedrock-lsp: warning: {region}: left out an entry: {why}");
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("bedrock-lsp: {region}: {e}");
                eprintln!("bedrock-lsp: {region}: not refreshed; its stored data is unchanged");
            }
        }
    }
    if failed > 0 {
        eprintln!(
            "bedrock-lsp: {} of {} Regions refreshed",
            results.len() - failed,
            results.len()
        );
        1
    } else {
        0
    }
}

pub(super) fn import_files(files: &[PathBuf], region: Option<&str>, today: Date) -> u8 {
    let Some(dir) = user_catalog_dir() else {
        eprintln!("bedrock-lsp: no user catalog directory (set BEDROCK_LSP_CATALOG_DIR)");
        return 2;
    };
    // Check everything first: nothing is written unless every file is good.
    let mut probe = (*Catalog::embedded()).clone();
    let mut writes: Vec<(PathBuf, String, String)> = Vec::new();
    let mut failed = false;
    for f in files {
        match prepare(&mut probe, f, region, today) {
            Ok((name, text, summary)) => writes.push((dir.join(name), text, summary)),
            Err(e) => {
                eprintln!("bedrock-lsp: {e}");
                failed = true;
            }
        }
    }
    if failed {
        eprintln!("bedrock-lsp: nothing imported; the user catalog is unchanged");
        return 2;
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("bedrock-lsp: cannot create {}: {e}", dir.display());
        return 2;
    }
    for (dest, text, summary) in writes {
        let tmp = dest.with_extension("json.tmp");
        if let Err(e) = std::fs::write(&tmp, text).and_then(|_| std::fs::rename(&tmp, &dest)) {
            eprintln!("bedrock-lsp: cannot write {}: {e}", dest.display());
            return 2;
        }
        println!("{summary} -> {}", dest.display());
    }
    0
}

fn prepare(
    probe: &mut Catalog,
    f: &Path,
    region: Option<&str>,
    today: Date,
) -> Result<(String, String, String), CatalogError> {
    let text = std::fs::read_to_string(f).map_err(|e| CatalogError {
        file: f.to_path_buf(),
        line: None,
        field: None,
        message: format!("cannot read: {e}"),
    })?;
    match import::detect(f, &text)? {
        import::FileKind::Catalog => {
            let file = crate::catalog::parse_catalog_file(f, &text)?;
            probe.apply_text(f, &text, None)?;
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "user.json".into());
            Ok((
                name,
                text,
                format!("{}: {} catalog entries", f.display(), file.models.len()),
            ))
        }
        import::FileKind::Aws => {
            let mut imp = import::parse_aws(f, &text, region)?;
            if imp.doc.import.is_none() {
                imp.imported_on = today;
            }
            let before = probe.models().len();
            import::apply(probe, f, &imp);
            let new = probe.models().len() - before;
            let n_models = imp.doc.model_summaries.as_ref().map_or(0, Vec::len);
            let n_profiles = imp
                .doc
                .inference_profile_summaries
                .as_ref()
                .map_or(0, Vec::len);
            let acct = imp
                .account
                .as_deref()
                .map(|a| format!(", account {a}"))
                .unwrap_or_default();
            let summary = format!(
                "{}: {} in {}{acct}: {n_models} models, {n_profiles} inference profiles, {new} new IDs",
                f.display(),
                imp.kind_label(),
                imp.region
            );
            Ok((
                import::stored_name(&imp),
                import::stored_text(&text, &imp, f),
                summary,
            ))
        }
    }
}
