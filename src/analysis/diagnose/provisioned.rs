//! `provisioned-only`: a Provisioned Throughput ID outside a provisioning call, and a
//! model offered only with Provisioned Throughput called on demand. (The same code for
//! one region: `region.rs`.)

use super::fixes::{id_for_region, replace_fix};
use super::{finding, Known};
use crate::analysis::Code;
use crate::analysis::Finding;
use crate::catalog::{Form, Status};

/// A Provisioned Throughput ID (`…:18k`) in an on-demand call: the on-demand ID instead.
pub(super) fn provisioned_id(k: &Known) -> Option<Finding> {
    let s = k.s;
    let Form::Provisioned { id: pid, context } = k.form else {
        return None;
    };
    if provisioning_context(s.text, s.lit.span.start) {
        return None;
    }
    let ctx_note = context
        .as_ref()
        .map(|c| format!(" with a {c} context"))
        .unwrap_or_default();
    let target = id_for_region(k.model, None, s.region, s.ctx);
    Some(finding(
        s,
        Code::ProvisionedOnly,
        format!(
            "`{pid}` is a Provisioned Throughput ID for {}{ctx_note}: it names the model to buy capacity for (CreateProvisionedModelThroughput) and fails in on-demand calls. On demand, use `{target}`.",
            k.model.name
        ),
        vec![replace_fix(
            s.lit,
            s.id_text,
            format!("Use the on-demand ID `{target}`"),
            &target,
            true,
            false,
        )],
    ))
}

/// A model offered only with Provisioned Throughput, called on demand. Only for a model
/// a source lists as active: old entries known only from provisioned-ID lists say
/// nothing about on-demand use.
pub(super) fn provisioned_only_model(k: &Known) -> Option<Finding> {
    let (s, model) = (k.s, k.model);
    if !model.provisioned_only()
        || model.status(s.ctx.today) != Status::Active
        || provisioning_context(s.text, s.lit.span.start)
    {
        return None;
    }
    Some(finding(
        s,
        Code::ProvisionedOnly,
        format!(
            "{} (`{}`) is offered only with Provisioned Throughput: on-demand calls with this ID fail.",
            model.name, model.id
        ),
        Vec::new(),
    ))
}

/// Text before the literal on its line and a little before mentions provisioning
/// (`create_provisioned_model_throughput(modelId="…:18k")` is the right place for it).
fn provisioning_context(text: &str, at: usize) -> bool {
    let mut start = at.saturating_sub(crate::analysis::site::LOOKBACK);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    text[start..at].to_ascii_lowercase().contains("provisioned")
}
