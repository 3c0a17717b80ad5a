//! `not-bedrock-id`: another API's name for a model (the Anthropic API's, Vertex AI's)
//! inside a recognisable Bedrock call, with the Bedrock ID instead.

use super::fixes::{id_for_region, replace_fix};
use super::{finding, Subject};
use crate::analysis::{Code, Finding};
use crate::catalog::{Dialect, Model};
use crate::syntax::LiteralContext;

/// `model`'s name in `dialect` where Bedrock expects its own ID. Only under a model key
/// of a Bedrock call in a file that mentions Bedrock: elsewhere the name may well be
/// meant for that other API.
pub(super) fn finding_for(s: &Subject, model: &Model, dialect: Dialect) -> Option<Finding> {
    if !(s.in_call()
        && s.lit.context == LiteralContext::Key
        && s.mentions_bedrock
        && s.site.in_bedrock_call())
    {
        return None;
    }
    let api = match dialect {
        Dialect::Anthropic => "the Anthropic API's",
        Dialect::Vertex => "Vertex AI's",
    };
    let target = id_for_region(model, None, s.region, s.ctx);
    let message = format!(
        "`{}` is {api} name for {}; Bedrock calls it `{target}`.",
        s.id_text, model.name
    );
    let fix = replace_fix(
        s.lit,
        s.id_text,
        format!("Use the Bedrock ID `{target}`"),
        &target,
        true,
        false,
    );
    Some(finding(s, Code::NotBedrockId, message, vec![fix]))
}
