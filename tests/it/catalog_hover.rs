//! Hover cards for catalog facts added by issue 20: a profile ID's card names the
//! Regions the profile can be called from (not the bare ID's), endpoints, the catalog
//! date and, past 45 days, how to update.

use bedrock_lsp::analysis::{hover_card_for_id, RegionInForce, RegionOrigin};
use bedrock_lsp::catalog::Date;
use bedrock_lsp::settings::Settings;

use crate::support::with_context;

fn card(id: &str, regions: &[&str], today: &str) -> String {
    let region = RegionInForce {
        regions: regions.iter().map(|r| r.to_string()).collect(),
        origin: if regions.is_empty() {
            RegionOrigin::Unknown
        } else {
            RegionOrigin::Settings
        },
    };
    let today = Date::parse(today).unwrap();
    with_context(&Settings::default(), today, |ctx| {
        hover_card_for_id(id, &region, ctx).unwrap()
    })
}

#[test]
fn a_profile_card_lists_the_profiles_source_regions() {
    let md = card(
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        &["us-east-1"],
        "2026-12-02",
    );
    assert!(
        md.contains("- Callable from (source regions of `us.`): ca-central-1, **us-east-1** ◀, us-east-2, us-west-1, us-west-2\n"),
        "{md}"
    );
    // Not the bare ID's story.
    assert!(!md.contains("works on demand in no region"), "{md}");
    assert!(!md.contains("Only through a profile:"), "{md}");
    assert!(md.contains("- Profile ID documented by: LITELLM"), "{md}");
    assert!(md.contains("- Other profiles: `au.anthropic"), "{md}");
    // From a Region the profile does not serve.
    let md = card(
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        &["eu-west-1"],
        "2026-12-02",
    );
    assert!(
        md.contains("- Not a source region of this profile: **eu-west-1**"),
        "{md}"
    );
}

#[test]
fn a_profile_without_per_model_data_says_so() {
    let md = card("jp.anthropic.claude-opus-5-5", &[], "2026-12-02");
    assert!(
        md.contains("source regions of `jp.`): ap-northeast-1, ap-northeast-3 (the scope's regions; per-region data for this model is unknown)"),
        "{md}"
    );
    assert!(md.contains("AWSNEWS_OPUS55"), "{md}");
    let md = card("in.openai.gpt-5.6-terra", &["ap-south-1"], "2026-12-02");
    assert!(md.contains("`in.`"), "{md}");
    assert!(md.contains("**ap-south-1** ◀"), "{md}");
}

#[test]
fn a_base_card_says_which_endpoint() {
    let md = card("openai.gpt-6-sol", &["us-east-1"], "2026-12-02");
    assert!(
        md.contains(
            "- Endpoints: bedrock-runtime; bedrock-mantle (bare ID in-region: **us-east-1** ◀)"
        ),
        "{md}"
    );
    assert!(
        md.contains("- In us-east-1: bedrock-runtime: only through a profile; bedrock-mantle: bare ID in-region"),
        "{md}"
    );
    assert!(
        md.contains("On bedrock-runtime the bare ID works on demand in no region"),
        "{md}"
    );
    let md = card("amazon.nova-pro-v1:0", &["us-east-1"], "2026-12-02");
    assert!(
        md.contains("- Endpoints: bedrock-runtime; not bedrock-mantle"),
        "{md}"
    );
    assert!(
        md.contains("- In us-east-1: bedrock-runtime: bare ID on demand; bedrock-mantle: bare ID not in-region"),
        "{md}"
    );
}

#[test]
fn the_footer_names_the_date_and_past_45_days_how_to_update() {
    let md = card("amazon.nova-2-5-sonic", &[], "2027-01-16");
    assert!(
        md.contains("*bedrock-lsp catalog as of 2026-12-02;"),
        "{md}"
    );
    assert!(!md.contains("days old"), "{md}");
    let md = card("amazon.nova-2-5-sonic", &[], "2027-01-17");
    assert!(
        md.contains("The model catalog is 46 days old (as of 2026-12-02)"),
        "{md}"
    );
    assert!(md.contains("`bedrock-lsp catalog update`"), "{md}");
}
