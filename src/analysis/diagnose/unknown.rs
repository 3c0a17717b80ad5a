//! `unknown-model` for a string the catalog does not know: an invented ID a source names
//! the real ones for, a letter-level typo of one catalog ID (the did-you-mean, a safe
//! fix), a well-formed ID of a known provider that may be newer than the catalog, and
//! (`eol-model`) an unlisted context variant of a retired model.

use super::fixes::replace_fix;
use super::{code_list, Subject};
use crate::analysis::{Code, Finding, Use};
use crate::catalog::id;
use crate::catalog::Status;
use crate::settings::Level;
use crate::syntax::LiteralContext;

/// A string the catalog does not know, shaped like a Bedrock ID.
pub(super) fn finding(s: &Subject) -> Option<Finding> {
    let (lit, id_text, ctx) = (s.lit, s.id_text, s.ctx);
    // A context-window variant no source lists (`…-v1:0:32k`) of a retired model: the
    // model is gone whatever the variant, a fact about the model like any retirement
    // (said wherever the known ID would be). No fix: which variant of which newer model
    // fits the provisioned or customized use is the user's call.
    if !lit.incomplete && !s.site.pattern {
        if let Some(f) = retired_variant(s) {
            return Some(f);
        }
    }
    // Tests make IDs up on purpose (placeholders, routing by prefix, expected
    // failures); a prefix matched against is no ID.
    if lit.incomplete || id_text.is_empty() || s.use_site == Use::Test || s.site.pattern {
        return None;
    }
    let parsed = id::parse(id_text)?;
    // Without a known provider, only in a file that uses Bedrock (`antropic.claude-…`
    // elsewhere may be anything).
    if !parsed.has_known_provider(id_text) && !s.mentions_bedrock {
        return None;
    }
    // An ID the sources show to be invented (a third-party list's spelling): sure to
    // fail, with the real IDs a source names instead (other models: unsafe fixes).
    if let Some(ex) = ctx
        .catalog
        .excluded(id_text)
        .filter(|e| !e.did_you_mean.is_empty())
    {
        let why = ex
            .why
            .as_deref()
            .map(|w| format!(" {w}"))
            .unwrap_or_default();
        let fixes = ex
            .did_you_mean
            .iter()
            .map(|t| replace_fix(lit, id_text, format!("Use `{t}`"), t, false, false))
            .collect();
        return Some(super::finding(
            s,
            Code::UnknownModel,
            format!(
                "`{id_text}` is not a Bedrock model ID.{why} The real IDs: {}.",
                code_list(&ex.did_you_mean)
            ),
            fixes,
        ));
    }
    // Only the ID the user evidently meant: one catalog ID that differs by letters
    // alone (not a version number, a date or the provider's namespace).
    let typo = ctx
        .catalog
        .suggest(id_text, 3)
        .into_iter()
        .find(|sug| is_letter_typo(id_text, &sug.id));
    if let Some(sug) = typo {
        let mut message = format!(
            "Unknown Bedrock model ID `{id_text}`. Did you mean `{}`?",
            sug.id
        );
        // A near miss of a retired model: say so, so the user does not stop at the typo.
        if let Some(m) = ctx
            .catalog
            .get(&sug.model_id)
            .filter(|m| m.status(ctx.today) == Status::Eol)
        {
            let when = m
                .lifecycle
                .eol
                .map(|d| format!(" on {d}"))
                .unwrap_or_default();
            message += &match ctx.catalog.replacement(m, ctx.today) {
                Some(r) => format!(
                    " Note: {} reached end of life{when}; its replacement is {} (`{}`).",
                    m.name, r.name, r.id
                ),
                None => format!(" Note: {} reached end of life{when}.", m.name),
            };
        }
        let fix = replace_fix(
            lit,
            id_text,
            format!("Replace with `{}`", sug.id),
            &sug.id,
            true,
            true,
        );
        let mut f = super::finding(s, Code::UnknownModel, message, vec![fix]);
        if lit.context != LiteralContext::Key && !s.in_call() {
            f.level = Level::Warning;
        }
        return Some(f);
    }
    // A well-formed ID of a known provider that the catalog lacks, where it is called:
    // perhaps newer than the catalog. Said as a warning, with no fix.
    if s.in_call() && lit.context == LiteralContext::Key && parsed.has_known_provider(id_text) {
        let as_of = ctx.catalog.as_of();
        let mut f = super::finding(
            s,
            Code::UnknownModel,
            format!(
                "`{id_text}` is not in the catalog (as of {as_of}). If AWS added it since, update the catalog (`bedrock-lsp catalog refresh`) or add it to `ignoreIds`."
            ),
            Vec::new(),
        );
        f.level = Level::Warning;
        return Some(f);
    }
    None
}

/// `given` and `cand` differ only by letters: the same numbers in the same order (a
/// missing `:0` version suffix and a date with a digit dropped or doubled aside), the
/// same provider namespace unless the given one is misspelled, and at most a couple of
/// edits.
pub(super) fn is_letter_typo(given: &str, cand: &str) -> bool {
    if given.eq_ignore_ascii_case(cand) || cand.strip_suffix(":0") == Some(given) {
        return true;
    }
    let g = given.strip_suffix(":0").unwrap_or(given);
    let c = cand.strip_suffix(":0").unwrap_or(cand);
    let digits = |t: &str| -> Vec<String> {
        t.split(|ch: char| !ch.is_ascii_digit())
            .filter(|d| !d.is_empty())
            .map(str::to_string)
            .collect()
    };
    // The same numbers; only a date (6 digits or more) may have lost or gained a digit:
    // `2025100` is no date, so it is `20251001` mistyped, while `20240620` and
    // `20241022` are two models.
    let (dg, dc) = (digits(g), digits(c));
    let same_numbers = dg.len() == dc.len()
        && dg.iter().zip(&dc).all(|(a, b)| {
            a == b || (a.len().min(b.len()) >= 6 && a.len() != b.len() && edit_distance(a, b) == 1)
        });
    if !same_numbers {
        return false;
    }
    // Another real namespace is another model (`moonshotai.` and `moonshot.` both
    // exist); a misspelled one (`antropic.`) is a typo.
    let provider =
        |t: &str| id::parse(t).and_then(|p| p.get(t, &p.provider).map(str::to_ascii_lowercase));
    let given_provider = provider(given);
    if given_provider != provider(cand)
        && given_provider.is_some_and(|p| id::PROVIDERS.contains(&p.as_str()))
    {
        return false;
    }
    let d = edit_distance(&given.to_ascii_lowercase(), &cand.to_ascii_lowercase());
    d <= 2 && d * 12 <= given.len().max(12)
}

/// `<base ID>:<context>` of a model that reached end of life everywhere, when the
/// catalog does not list that context variant (listed ones resolve as the model's).
fn retired_variant(s: &Subject) -> Option<Finding> {
    let (id_text, ctx) = (s.id_text, s.ctx);
    let parsed = id::parse(id_text)?;
    if parsed.context.is_none() || parsed.scope.is_some() {
        return None;
    }
    let model = ctx.catalog.get(parsed.get(id_text, &parsed.model)?)?;
    if model.lifecycle.status_in(ctx.today, None) != Status::Eol {
        return None;
    }
    let variant = parsed.get(id_text, &parsed.context)?;
    let when = model
        .lifecycle
        .eol
        .map(|d| format!(" on {d}"))
        .unwrap_or_default();
    let instead = match ctx.catalog.replacement(model, ctx.today) {
        Some(r) => format!(" Its replacement is {} (`{}`).", r.name, r.id),
        None => String::new(),
    };
    Some(super::finding(
        s,
        Code::EolModel,
        format!(
            "`{id_text}` is a {variant} context variant of {} (`{}`), which reached end of life{when}: calls with it fail.{instead}",
            model.name, model.id
        ),
        Vec::new(),
    ))
}

/// Levenshtein distance over bytes.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, &x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::is_letter_typo;

    #[test]
    fn letter_level_typos() {
        for (given, cand) in [
            (
                "anthropic.claude-3-5-sonet-20241022-v2:0",
                "anthropic.claude-3-5-sonnet-20241022-v2:0",
            ),
            (
                "anthropic.claude-haiku-4-5-2025100-v1:0",
                "anthropic.claude-haiku-4-5-20251001-v1:0",
            ),
            ("amazon.nova-pro-v1:O", "amazon.nova-pro-v1:0"),
            ("amazon.nova-lite-v1", "amazon.nova-lite-v1:0"),
            ("Anthropic.Claude-V2", "anthropic.claude-v2"),
            (
                "antropic.claude-3-haiku-20240307-v1:0",
                "anthropic.claude-3-haiku-20240307-v1:0",
            ),
        ] {
            assert!(is_letter_typo(given, cand), "{given} -> {cand}");
        }
        for (given, cand) in [
            // Another version, date or namespace is another model.
            ("deepseek.v3.1", "deepseek.v3.2"),
            ("moonshotai.kimi-k2-thinking", "moonshot.kimi-k2-thinking"),
            (
                "anthropic.claude-3-5-sonnet-20240620-v1:0",
                "anthropic.claude-3-5-sonnet-20241022-v2:0",
            ),
            (
                "anthropic.claude-3-7-sonnet-20250219-v1:0",
                "anthropic.claude-3-5-sonnet-20250219-v1:0",
            ),
            ("amazon.titan-embed-text-v10", "amazon.titan-embed-text-v1"),
            ("anthropic.claude-v2:1", "anthropic.claude-v2"),
            // Too far apart to be a slip.
            ("anthropic.claude-sonnet", "anthropic.claude-v2"),
        ] {
            assert!(!is_letter_typo(given, cand), "{given} -> {cand}");
        }
    }
}
