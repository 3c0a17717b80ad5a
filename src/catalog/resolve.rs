//! What a string names: a model's base, profile, provisioned or related ID, an opaque
//! ARN, or another API's name for a Bedrock model; and the replacement of a retired model.

use super::*;

/// How a string names a model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    /// The base model ID.
    Base,
    /// A system-defined cross-Region profile `<scope>.<model>`. `documented` = a source
    /// (or an import) lists this exact profile ID.
    Profile {
        scope: String,
        profile_id: String,
        documented: bool,
    },
    /// A provisioned-throughput ID listed for the model (`…:18k`, or `…:0` for models
    /// whose provisioned ID has no context size).
    Provisioned { id: String, context: Option<String> },
    /// Another ID a source lists for the model without saying what it is for.
    Related { id: String },
}

impl Form {
    /// The Bedrock operations a string of this form names a model in, for `model`:
    /// data-plane calls for base and profile IDs, `CreateProvisionedModelThroughput`
    /// for a provisioned/context-variant ID, and `CreateModelCustomizationJob` where
    /// AWS's listing gives customizations for that exact ID. Control-plane lookups
    /// (`GetFoundationModel`) take the base ID.
    pub fn operations(&self, model: &Model) -> Vec<&'static str> {
        let custom = |c: &Option<Vec<String>>| c.as_ref().is_some_and(|c| !c.is_empty());
        match self {
            Form::Base => {
                // A profile-only model's bare ID fails in bedrock-runtime calls.
                let mut v = if model.requires_profile == Some(true) {
                    vec!["GetFoundationModel"]
                } else {
                    vec!["InvokeModel", "Converse", "GetFoundationModel"]
                };
                if custom(&model.customizations) {
                    v.push("CreateModelCustomizationJob");
                }
                v
            }
            Form::Profile { .. } => vec!["InvokeModel", "Converse"],
            Form::Provisioned { id, .. } => {
                let mut v = vec!["CreateProvisionedModelThroughput"];
                if model
                    .provisioned
                    .iter()
                    .any(|p| &p.id == id && custom(&p.customizations))
                {
                    v.push("CreateModelCustomizationJob");
                }
                v
            }
            Form::Related { .. } => Vec::new(),
        }
    }
}

/// Where an ARN points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArnParts {
    pub partition: String,
    pub region: Option<String>,
    pub account: Option<String>,
}

/// What a string resolves to.
#[derive(Debug, Clone)]
pub enum Resolution<'a> {
    Known {
        model: &'a Model,
        form: Form,
        /// Set for foundation-model and inference-profile ARNs.
        arn: Option<ArnParts>,
        /// Length of a `bedrock/` or `bedrock/converse/` prefix that was skipped.
        prefix_len: usize,
    },
    /// An ARN of a resource that names no catalogued model (provisioned model,
    /// application profile, custom model …): valid, never "unknown".
    Opaque(OpaqueKind),
    /// A name from another API (Anthropic's, Vertex AI's) for a model Bedrock offers.
    Foreign {
        model: &'a Model,
        dialect: Dialect,
    },
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Anthropic API (`claude-3-5-sonnet-20241022`).
    Anthropic,
    /// Google Vertex AI (`claude-3-5-sonnet-v2@20241022`).
    Vertex,
}

impl Resolution<'_> {
    pub fn model(&self) -> Option<&Model> {
        match self {
            Resolution::Known { model, .. } | Resolution::Foreign { model, .. } => Some(model),
            _ => None,
        }
    }
}

impl Catalog {
    /// Resolve any model-ID shape to its model.
    pub fn resolve(&self, text: &str) -> Resolution<'_> {
        let text = text.trim();
        if let Some(&i) = self.index.base.get(text) {
            return self.known(i, Form::Base, None, 0);
        }
        let Some(p) = id::parse(text) else {
            return self.resolve_foreign(text);
        };
        if let IdKind::Opaque(k) = p.kind {
            return Resolution::Opaque(k);
        }
        let arn = match p.kind {
            IdKind::FoundationModelArn | IdKind::InferenceProfileArn => Some(ArnParts {
                partition: p.get(text, &p.partition).unwrap_or("aws").to_string(),
                region: p.get(text, &p.region).map(str::to_string),
                account: p.get(text, &p.account).map(str::to_string),
            }),
            _ => None,
        };
        let (Some(model), Some(with_ctx)) =
            (p.get(text, &p.model), p.get(text, &p.model_with_context))
        else {
            return Resolution::Unknown;
        };
        let scope = p.get(text, &p.scope);
        let prefix_len = p.prefix_len;
        if let Some(scope) = scope {
            // `with_ctx` = `model` here unless a context suffix follows; profiles have none.
            // Profiles have no context suffix, and IDs are lower case (`US.` is a typo).
            if p.context.is_some() || scope.bytes().any(|b| b.is_ascii_uppercase()) {
                return Resolution::Unknown;
            }
            let profile_id = format!("{scope}.{model}");
            if let Some(&i) = self.index.profile.get(&profile_id) {
                let form = Form::Profile {
                    scope: scope.into(),
                    profile_id,
                    documented: true,
                };
                return self.known(i, form, arn, prefix_len);
            }
            if let Some(&i) = self.index.base.get(model) {
                let form = Form::Profile {
                    scope: scope.into(),
                    profile_id,
                    documented: false,
                };
                return self.known(i, form, arn, prefix_len);
            }
            return Resolution::Unknown;
        }
        if let Some(&(i, j)) = self.index.provisioned.get(with_ctx) {
            let pv = &self.models[i].provisioned[j];
            let form = Form::Provisioned {
                id: pv.id.clone(),
                context: pv.context.clone(),
            };
            return self.known(i, form, arn, prefix_len);
        }
        if p.context.is_some() {
            // A context size no source lists for the model: not a usable ID.
            return Resolution::Unknown;
        }
        if let Some(&i) = self.index.base.get(model) {
            return self.known(i, Form::Base, arn, prefix_len);
        }
        if let Some(&i) = self.index.related.get(model) {
            return self.known(i, Form::Related { id: model.into() }, arn, prefix_len);
        }
        Resolution::Unknown
    }

    fn known(
        &self,
        i: usize,
        form: Form,
        arn: Option<ArnParts>,
        prefix_len: usize,
    ) -> Resolution<'_> {
        Resolution::Known {
            model: &self.models[i],
            form,
            arn,
            prefix_len,
        }
    }

    fn resolve_foreign(&self, text: &str) -> Resolution<'_> {
        let lower = text.to_ascii_lowercase();
        let name = lower
            .strip_prefix("anthropic/")
            .or_else(|| lower.strip_prefix("vertex_ai/"))
            .unwrap_or(&lower);
        match self.index.foreign.get(name) {
            Some(&(i, dialect)) => Resolution::Foreign {
                model: &self.models[i],
                dialect,
            },
            None => Resolution::Unknown,
        }
    }

    /// The recommended replacement of `model`, following the chain to the first model
    /// that is not EOL on `today`. `None` when no replacement is recorded, the chain
    /// ends in retired models, or it loops.
    pub fn replacement(&self, model: &Model, today: Date) -> Option<&Model> {
        let mut seen = BTreeSet::new();
        seen.insert(model.id.as_str());
        let mut cur = model;
        loop {
            let next = self.get(cur.lifecycle.replacement.as_deref()?)?;
            if !seen.insert(next.id.as_str()) {
                return None;
            }
            if next.status(today) != Status::Eol {
                return Some(next);
            }
            cur = next;
        }
    }

    pub(crate) fn index_foreign(&self, name: &str) -> Option<(usize, Dialect)> {
        self.index.foreign.get(name).copied()
    }
}
