//! How frameworks write a Bedrock model: the text they put before a Bedrock ID
//! (`bedrock/`, `bedrock_converse/`, `bedrock:`, `gateway/bedrock:`, `amazon-bedrock/` …),
//! each taken from the framework's own documentation. One table, used by the ID parser,
//! the scanner (the span of a literal starts after the prefix), the fixes (they keep the
//! prefix) and the use of a literal (a framework sends a prefixed string to Bedrock).
//! What is not here: the ID grammar itself ([`super::id`]).

/// One prefix of one framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameworkPrefix {
    /// The prefix as written, lower case (matched without regard to case).
    pub text: &'static str,
    /// Who writes it (for the README table and hover).
    pub frameworks: &'static str,
    /// The framework adds a cross-region profile scope (`us.`, `eu.` …) to some bare IDs
    /// itself, so a bare ID after this prefix may not need one in the source.
    pub adds_scope: bool,
}

const fn p(text: &'static str, frameworks: &'static str) -> FrameworkPrefix {
    FrameworkPrefix {
        text,
        frameworks,
        adds_scope: false,
    }
}

/// Every prefix, longest first where one starts another (`bedrock/converse/` before
/// `bedrock/`, `bedrock:converse:` before `bedrock:`). All start with `b`, `g` or `a`
/// (a test holds [`strip`]'s first-byte test to that).
pub const FRAMEWORK_PREFIXES: &[FrameworkPrefix] = &[
    // LiteLLM (`docs.litellm.ai/docs/providers/bedrock`): the Converse or Invoke route
    // chosen explicitly, or by default; used as-is by CrewAI, DSPy, instructor, Aider and
    // every tool built on LiteLLM. `bedrock/<region>/…` is matched by [`strip`].
    p("bedrock/converse/", "LiteLLM"),
    p("bedrock/invoke/", "LiteLLM"),
    p("bedrock_converse/", "LiteLLM"),
    // promptfoo (`promptfoo.dev/docs/providers/aws-bedrock`): `bedrock:<id>`, the Converse
    // provider, embeddings, knowledge bases, video.
    p("bedrock:converse:", "promptfoo"),
    p("bedrock:embeddings:", "promptfoo"),
    p("bedrock:embedding:", "promptfoo"),
    p("bedrock:knowledge-base:", "promptfoo"),
    p("bedrock:kb:", "promptfoo"),
    p("bedrock:video:", "promptfoo"),
    // LangChain `init_chat_model("bedrock_converse:…")` (`provider:model`).
    p("bedrock_converse:", "LangChain init_chat_model"),
    // pydantic-ai through Pydantic AI Gateway.
    p("gateway/bedrock:", "pydantic-ai (gateway)"),
    // pydantic-ai `Agent("bedrock:…")`, promptfoo `bedrock:…`, LangChain
    // `init_chat_model("bedrock:…")`, Vercel AI SDK provider registries.
    p(
        "bedrock:",
        "pydantic-ai, promptfoo, LangChain init_chat_model",
    ),
    p("bedrock/", "LiteLLM (CrewAI, DSPy, instructor, Aider)"),
    // OpenCode and the models.dev provider ID (also OpenClaw, Mastra's model router).
    // OpenCode adds the `us.`/`eu.`/`apac.` scope to some bare IDs from the region.
    FrameworkPrefix {
        text: "amazon-bedrock/",
        frameworks: "OpenCode, models.dev",
        adds_scope: true,
    },
];

/// The first segments (up to the first `.`, `:` or `/`) of the prefixes: the scanner's
/// prefilter accepts a word that starts with one of them (a test keeps the list whole).
pub const FIRST_SEGMENTS: &[&str] = &["bedrock", "bedrock_converse", "gateway", "amazon-bedrock"];

/// The framework prefix `s` starts with and its length in bytes (`bedrock/us-west-2/`
/// included: LiteLLM's region route). `None` when there is none or nothing follows it.
/// Cheap: one byte test rejects almost every string.
pub fn strip(s: &str) -> Option<(usize, &'static FrameworkPrefix)> {
    let b = s.as_bytes();
    if !matches!(b.first(), Some(b'b' | b'B' | b'g' | b'G' | b'a' | b'A')) {
        return None;
    }
    let starts = |p: &str| b.len() > p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    let found = FRAMEWORK_PREFIXES.iter().find(|p| starts(p.text))?;
    let mut len = found.text.len();
    if found.text == "bedrock/" {
        // `bedrock/us-gov-west-1/anthropic.…`: LiteLLM's region route.
        if let Some(slash) = s[len..].find('/') {
            let seg = &s[len..len + slash];
            if crate::aws::is_region_code(seg) && s.len() > len + slash + 1 {
                len += slash + 1;
            }
        }
    }
    Some((len, found))
}

/// The length of the framework prefix `s` starts with (0 if none).
pub fn prefix_len(s: &str) -> usize {
    strip(s).map_or(0, |(n, _)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_prefix_is_found_before_the_shorter_ones_it_starts_with() {
        for (i, a) in FRAMEWORK_PREFIXES.iter().enumerate() {
            for b in &FRAMEWORK_PREFIXES[..i] {
                assert!(
                    !a.text.starts_with(b.text),
                    "{} is shadowed by {}",
                    a.text,
                    b.text
                );
            }
            assert!(
                matches!(a.text.as_bytes()[0], b'b' | b'g' | b'a'),
                "{}",
                a.text
            );
            assert_eq!(a.text, a.text.to_ascii_lowercase());
            let first = a.text.split(['.', ':', '/']).next().unwrap_or_default();
            assert!(FIRST_SEGMENTS.contains(&first), "{first}");
            let s = format!("{}anthropic.claude-v2", a.text);
            assert_eq!(
                strip(&s).map(|(n, p)| (n, p.text)),
                Some((a.text.len(), a.text))
            );
        }
    }

    #[test]
    fn prefixes_as_frameworks_write_them() {
        for (s, want) in [
            ("bedrock/anthropic.claude-v2", "bedrock/"),
            (
                "bedrock/converse/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "bedrock/converse/",
            ),
            ("bedrock_converse/anthropic.claude-v2", "bedrock_converse/"),
            (
                "bedrock/us-gov-west-1/anthropic.claude-v2",
                "bedrock/us-gov-west-1/",
            ),
            (
                "bedrock/eu-central-1/amazon.nova-pro-v1:0",
                "bedrock/eu-central-1/",
            ),
            ("BEDROCK/anthropic.claude-v2", "BEDROCK/"),
            (
                "bedrock:us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "bedrock:",
            ),
            ("bedrock:converse:us.deepseek.r1-v1:0", "bedrock:converse:"),
            (
                "bedrock:embeddings:amazon.titan-embed-text-v2:0",
                "bedrock:embeddings:",
            ),
            ("gateway/bedrock:amazon.nova-micro-v1:0", "gateway/bedrock:"),
            ("bedrock_converse:anthropic.claude-v2", "bedrock_converse:"),
            (
                "amazon-bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0",
                "amazon-bedrock/",
            ),
        ] {
            let (n, _) = strip(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!(&s[..n], want, "{s}");
        }
        for s in [
            "anthropic.claude-v2",
            "bedrock/",
            "bedrock:",
            "bedrock:InvokeModel",
            "bedrockx/anthropic.claude-v2",
            "amazon.nova-pro-v1:0",
            "gateway/openai:gpt-5",
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2",
        ] {
            let n = prefix_len(s);
            assert!(
                n == 0 || !s[n..].contains('.'),
                "{s}: stripped {:?}",
                &s[..n]
            );
        }
        // A segment that is not a region stays part of the ID (and fails to parse there).
        assert_eq!(
            prefix_len("bedrock/llama/arn:aws:bedrock:x"),
            "bedrock/".len()
        );
    }
}
