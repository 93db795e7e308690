//! Unit tests. Fake tokens are assembled at run time from a deterministic generator so this file
//! holds no credential-shaped literal that other secret scanners would flag.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;

use super::*;

const ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LOWER_ALNUM: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
const HEX: &str = "0123456789abcdef";
const B32: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URLSAFE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
const UPPER_NUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// Deterministic pseudo-random string over `alphabet`.
fn rnd(seed: u64, n: usize, alphabet: &str) -> String {
    let a: Vec<char> = alphabet.chars().collect();
    let mut x = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            a[((x >> 33) as usize) % a.len()]
        })
        .collect()
}

fn uuid(seed: u64) -> String {
    let h = rnd(seed, 32, HEX);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// Scans `text` and returns the single finding, asserting its span slices back to `secret`.
fn one(text: &str, secret: &str) -> SecretMatch {
    let found = scan_text(text, 0);
    assert_eq!(
        found.len(),
        1,
        "expected one finding in {text:?}, got {found:#?}"
    );
    let m = found.into_iter().next().expect("one finding");
    assert_eq!(m.span.slice(text), secret, "span of {}", m.catalogue_id);
    m
}

fn quiet(text: &str) {
    let found = scan_text(text, 0);
    assert!(
        found.is_empty(),
        "expected nothing in {text:?}, got {found:#?}"
    );
}

#[test]
fn all_patterns_compile_and_ids_are_catalogued() {
    assert!(scan::all_patterns_compile());
    let ids: Vec<&str> = catalogue().iter().map(|e| e.id).collect();
    for (i, id) in ids.iter().enumerate() {
        assert!(!ids[i + 1..].contains(id), "duplicate id {id}");
    }
    for s in shapes::SHAPES {
        assert!(ids.contains(&s.id), "shape id {} not catalogued", s.id);
    }
    let src = [
        include_str!("context.rs"),
        include_str!("assign.rs"),
        include_str!("shapes.rs"),
    ]
    .concat();
    for piece in src.split('"').skip(1).step_by(2) {
        let looks_like_id = piece.contains('-')
            && piece
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())
            && catalogue()
                .iter()
                .any(|e| piece.starts_with(e.id.split('-').next().unwrap_or("")));
        if looks_like_id && piece.len() > 8 && !piece.starts_with("key-") {
            assert!(
                ids.contains(&piece),
                "id {piece} used in code but not catalogued"
            );
        }
    }
    assert_eq!(catalogue().last().map(|e| e.id), Some("generic-secret"));
    let providers: std::collections::BTreeSet<&str> =
        catalogue().iter().map(|e| e.provider).collect();
    assert!(providers.len() >= 30, "{providers:?}");
}

#[test]
fn scope_order_and_display() {
    assert!(
        Scope::Project < Scope::Workspace
            && Scope::Workspace < Scope::Account
            && Scope::Account < Scope::Admin
    );
    assert!(!Scope::Unknown.is_known());
    assert_eq!(Scope::Project.to_string(), "one project/environment");
    assert_eq!(Scope::Workspace.to_string(), "workspace-wide");
    assert_eq!(Scope::Account.to_string(), "account-wide");
    assert_eq!(Scope::Admin.to_string(), "admin/root");
    assert_eq!(Scope::Unknown.to_string(), "unknown scope");
}

/// (token, catalogue id, scope) for every prefixed shape; each is checked in several contexts.
pub(crate) fn shaped_tokens() -> Vec<(String, &'static str, Scope)> {
    vec![
        (
            format!("{}{}", "ghp_", rnd(1, 36, ALNUM)),
            "github-classic-pat",
            Scope::Account,
        ),
        (
            format!("{}{}", "gho_", rnd(2, 36, ALNUM)),
            "github-oauth-token",
            Scope::Account,
        ),
        (
            format!("{}{}", "ghu_", rnd(3, 36, ALNUM)),
            "github-app-user-token",
            Scope::Workspace,
        ),
        (
            format!("{}{}", "ghs_", rnd(4, 36, ALNUM)),
            "github-app-installation-token",
            Scope::Workspace,
        ),
        (
            format!("{}{}", "ghr_", rnd(5, 36, ALNUM)),
            "github-refresh-token",
            Scope::Workspace,
        ),
        (
            format!("{}{}", "github_pat_", rnd(6, 82, ALNUM)),
            "github-fine-grained-pat",
            Scope::Workspace,
        ),
        (
            format!("{}{}", "glpat-", rnd(7, 20, ALNUM)),
            "gitlab-pat",
            Scope::Account,
        ),
        (
            format!("{}{}", "gldt-", rnd(8, 20, ALNUM)),
            "gitlab-deploy-token",
            Scope::Project,
        ),
        (
            format!("{}{}", "glptt-", rnd(9, 40, HEX)),
            "gitlab-pipeline-trigger-token",
            Scope::Project,
        ),
        (
            format!("{}{}", "glrt-", rnd(10, 20, ALNUM)),
            "gitlab-runner-token",
            Scope::Workspace,
        ),
        (
            format!("{}{}", "GR1348941", rnd(11, 20, ALNUM)),
            "gitlab-runner-token",
            Scope::Workspace,
        ),
        (
            format!("{}{}", "glcbt-", rnd(12, 20, ALNUM)),
            "gitlab-ci-job-token",
            Scope::Project,
        ),
        (
            format!("{}{}", "gloas-", rnd(13, 64, ALNUM)),
            "gitlab-oauth-secret",
            Scope::Unknown,
        ),
        (
            format!("{}{}", "glft-", rnd(14, 20, ALNUM)),
            "gitlab-other-token",
            Scope::Unknown,
        ),
        (
            format!("{}{}", "AKIA", rnd(15, 16, B32)),
            "aws-access-key-id",
            Scope::Unknown,
        ),
        (
            format!("{}{}", "ASIA", rnd(16, 16, B32)),
            "aws-temporary-access-key-id",
            Scope::Unknown,
        ),
        (
            format!("{}{}", "ABSK", rnd(17, 120, ALNUM)),
            "aws-bedrock-api-key",
            Scope::Account,
        ),
        (
            format!("{}{}", "bedrock-api-key-", rnd(18, 80, ALNUM)),
            "aws-bedrock-api-key",
            Scope::Account,
        ),
        (
            format!("{}{}", "AIza", rnd(19, 35, URLSAFE)),
            "gcp-api-key",
            Scope::Project,
        ),
        (
            format!("{}8Q~{}", rnd(20, 3, ALNUM), rnd(21, 34, ALNUM)),
            "azure-ad-client-secret",
            Scope::Unknown,
        ),
        (
            format!(
                "xoxb-{}-{}-{}",
                rnd(22, 12, "0123456789"),
                rnd(23, 12, "0123456789"),
                rnd(24, 24, ALNUM)
            ),
            "slack-bot-token",
            Scope::Workspace,
        ),
        (
            format!(
                "xoxp-{}-{}-{}-{}",
                rnd(25, 11, "0123456789"),
                rnd(26, 11, "0123456789"),
                rnd(27, 12, "0123456789"),
                rnd(28, 32, HEX)
            ),
            "slack-user-token",
            Scope::Workspace,
        ),
        (
            format!(
                "xapp-1-{}-{}-{}",
                rnd(29, 11, UPPER_NUM),
                rnd(30, 13, "0123456789"),
                rnd(31, 64, HEX)
            ),
            "slack-app-token",
            Scope::Workspace,
        ),
        (
            format!("xoxe-1-{}", rnd(32, 146, UPPER_NUM)),
            "slack-config-token",
            Scope::Workspace,
        ),
        (
            format!(
                "https://hooks.slack.com/services/T{}/B{}/{}",
                rnd(33, 8, UPPER_NUM),
                rnd(34, 10, UPPER_NUM),
                rnd(35, 24, ALNUM)
            ),
            "slack-webhook-url",
            Scope::Project,
        ),
        (
            format!("{}{}", "sb_secret_", rnd(36, 32, ALNUM)),
            "supabase-secret-key",
            Scope::Admin,
        ),
        (
            format!("{}{}", "sbp_", rnd(37, 40, HEX)),
            "supabase-pat",
            Scope::Account,
        ),
        (
            format!("{}{}", "vcp_", rnd(38, 40, ALNUM)),
            "vercel-personal-token",
            Scope::Account,
        ),
        (
            format!("{}{}", "vci_", rnd(39, 40, ALNUM)),
            "vercel-integration-token",
            Scope::Workspace,
        ),
        (
            format!("{}{}", "vca_", rnd(40, 40, ALNUM)),
            "vercel-app-token",
            Scope::Workspace,
        ),
        (
            format!("{}{}", "vck_", rnd(41, 40, ALNUM)),
            "vercel-api-key",
            Scope::Unknown,
        ),
        (
            format!("{}{}", "fm2_", rnd(42, 150, B64)),
            "flyio-token",
            Scope::Unknown,
        ),
        (
            format!("{}{}", "fo1_", rnd(43, 43, URLSAFE)),
            "flyio-legacy-token",
            Scope::Account,
        ),
        (
            format!("{}{}{}", "cfk_", rnd(44, 40, ALNUM), rnd(45, 8, HEX)),
            "cloudflare-global-api-key",
            Scope::Admin,
        ),
        (
            format!("{}{}{}", "cfut_", rnd(46, 40, ALNUM), rnd(47, 8, HEX)),
            "cloudflare-api-token",
            Scope::Unknown,
        ),
        (
            format!("{}{}{}", "cfat_", rnd(48, 40, ALNUM), rnd(49, 8, HEX)),
            "cloudflare-api-token",
            Scope::Unknown,
        ),
        (
            format!("v1.0-{}-{}", rnd(50, 24, HEX), rnd(51, 146, HEX)),
            "cloudflare-origin-ca-key",
            Scope::Workspace,
        ),
        (
            format!("{}{}", "dop_v1_", rnd(52, 64, HEX)),
            "digitalocean-token",
            Scope::Account,
        ),
        (
            format!("{}{}", "HRKU-AA", rnd(53, 58, URLSAFE)),
            "heroku-api-key",
            Scope::Account,
        ),
        (
            format!("{}{}", "pscale_tkn_", rnd(54, 43, ALNUM)),
            "planetscale-service-token",
            Scope::Workspace,
        ),
        (
            format!("{}{}", "pscale_pw_", rnd(55, 43, ALNUM)),
            "planetscale-password",
            Scope::Project,
        ),
        (
            format!("{}{}", "pscale_oauth_", rnd(56, 43, ALNUM)),
            "planetscale-oauth-token",
            Scope::Unknown,
        ),
        (
            format!(
                "{}{}{}{}{}",
                "sk-proj-",
                rnd(57, 40, URLSAFE),
                "T3Blbk",
                "FJ",
                rnd(58, 40, URLSAFE)
            ),
            "openai-project-key",
            Scope::Project,
        ),
        (
            format!("{}{}", "sk-svcacct-", rnd(59, 80, URLSAFE)),
            "openai-service-account-key",
            Scope::Project,
        ),
        (
            format!("{}{}", "sk-admin-", rnd(60, 80, URLSAFE)),
            "openai-admin-key",
            Scope::Admin,
        ),
        (
            format!(
                "sk-{}{}{}{}",
                rnd(61, 20, ALNUM),
                "T3Blbk",
                "FJ",
                rnd(62, 20, ALNUM)
            ),
            "openai-user-key",
            Scope::Account,
        ),
        (
            format!("{}{}AA", "sk-ant-api03-", rnd(63, 93, URLSAFE)),
            "anthropic-api-key",
            Scope::Workspace,
        ),
        (
            format!("{}{}AA", "sk-ant-admin01-", rnd(64, 93, URLSAFE)),
            "anthropic-admin-key",
            Scope::Admin,
        ),
        (
            format!("{}{}", "sk-ant-oat01-", rnd(65, 95, URLSAFE)),
            "anthropic-oauth-token",
            Scope::Account,
        ),
        (
            format!("{}{}", "npm_", rnd(66, 36, ALNUM)),
            "npm-token",
            Scope::Unknown,
        ),
        (
            format!("{}{}{}", "pypi-", "AgEIcHlwaS5vcmc", rnd(67, 70, URLSAFE)),
            "pypi-token",
            Scope::Unknown,
        ),
        (
            format!("SG.{}.{}", rnd(68, 22, URLSAFE), rnd(69, 43, URLSAFE)),
            "sendgrid-api-key",
            Scope::Unknown,
        ),
        (
            format!("{}{}", "dp.pt.", rnd(70, 43, ALNUM)),
            "doppler-token",
            Scope::Account,
        ),
        (
            format!("{}{}", "dp.st.prd.", rnd(71, 43, ALNUM)),
            "doppler-token",
            Scope::Project,
        ),
        (
            format!("{}{}", "pul-", rnd(72, 40, HEX)),
            "pulumi-token",
            Scope::Unknown,
        ),
        (
            format!("{}{}", "hvs.", rnd(73, 95, URLSAFE)),
            "vault-token",
            Scope::Unknown,
        ),
        (
            format!("{}{}", "hvb.", rnd(74, 150, URLSAFE)),
            "vault-token",
            Scope::Unknown,
        ),
        (
            format!(
                "{}.{}.{}",
                rnd(75, 14, LOWER_ALNUM),
                "atlasv1",
                rnd(76, 67, LOWER_ALNUM)
            ),
            "terraform-cloud-token",
            Scope::Unknown,
        ),
        (
            format!("{}{}", "shpat_", rnd(77, 32, HEX)),
            "shopify-token",
            Scope::Workspace,
        ),
        (
            format!("{}{}", "lin_api_", rnd(78, 40, ALNUM)),
            "linear-api-key",
            Scope::Workspace,
        ),
        (
            format!("{}{}", "napi_", rnd(79, 64, LOWER_ALNUM)),
            "neon-api-key",
            Scope::Unknown,
        ),
    ]
}

#[test]
fn every_shape_fires_with_exact_span_in_several_contexts() {
    for (tok, id, scope) in shaped_tokens() {
        for text in [
            tok.clone(),
            format!("export TOKEN=\"{tok}\"\n"),
            format!("token: {tok}\nnext: 1"),
            format!("value = '{tok}' # hcl"),
            format!("Use é {tok}, then ü."),
        ] {
            let m = one(&text, &tok);
            assert_eq!(m.catalogue_id, id, "{text}");
            assert_eq!(m.scope, scope, "{id}");
        }
    }
}

#[test]
fn base_offset_is_added() {
    let tok = format!("{}{}", "ghp_", rnd(1, 36, ALNUM));
    let text = format!("x={tok}");
    let m = scan_text(&text, 1000).pop().expect("finding");
    assert_eq!(m.span, crate::syntax::Span::new(1002, 1002 + tok.len()));
}

#[test]
fn shapes_stay_quiet_on_placeholders_wrong_length_and_glue() {
    for (tok, id, _) in shaped_tokens() {
        // Glued to a letter on either side.
        quiet(&format!("a{tok}"));
        // Glued on the right: either rejected or (variable-length shapes) a longer token.
        let glued = format!("{tok}Z9");
        assert!(
            scan_text(&glued, 0)
                .iter()
                .all(|m| m.span.slice(&glued) != tok),
            "{glued}"
        );
        // The body replaced by a placeholder of the same length.
        let cut = tok.len() - 12;
        let fake = format!("{}{}", &tok[..cut], "x".repeat(12));
        assert!(
            scan_text(&fake, 0).iter().all(|m| m.catalogue_id != id),
            "{fake}"
        );
    }
    quiet(&format!("{}{}", "ghp_", rnd(1, 20, ALNUM)));
    quiet(&format!("{}{}", "ghp_", "x".repeat(36)));
    quiet(&format!("{}{}", "ghp_", "0".repeat(36)));
    quiet("sk_test_xxxxxxxxxxxxxxxxxxxxxxxx");
    quiet("npm_abcdefghijklmnopqrstuvwxyz0123456789");
    quiet("AKIAIOSFODNN7EXAMPLE");
    quiet("SG.your-sendgrid-api-key-goes-here");
    quiet("hvs.<vault-token>");
    // Stand-in words spelled inside a token's shape.
    quiet(&format!(
        "{}{}",
        "ghp_", "ThisIsNotARealTokenJustForTheDocs123"
    ));
    quiet(&format!(
        "{}{}",
        "sk_live_", "YourSecretKeyGoesHereReplaceMe"
    ));
}

/// Random bodies are never taken for words: 5,000 generated bodies of every alphabet pass.
#[test]
fn random_bodies_are_not_wordy() {
    for seed in 0..1000 {
        for alphabet in [ALNUM, LOWER_ALNUM, HEX, B32, URLSAFE] {
            let body = rnd(seed, 36, alphabet);
            assert!(!placeholder::is_wordy(&body), "{body}");
        }
    }
}

#[test]
fn stripe_modes_and_publishable_keys() {
    let live = format!("{}{}", "sk_live_", rnd(80, 99, ALNUM));
    let m = one(&format!("STRIPE_KEY={live}"), &live);
    assert_eq!(
        (m.catalogue_id, m.mode, m.kind),
        ("stripe-secret-key", Some(Mode::Live), "live secret key")
    );
    assert_eq!(m.scope, Scope::Account);
    let test = format!("{}{}", "sk_test_", rnd(81, 24, ALNUM));
    let m = one(&test, &test);
    assert_eq!(
        (m.catalogue_id, m.mode),
        ("stripe-secret-key", Some(Mode::Test))
    );
    let rk = format!("{}{}", "rk_live_", rnd(82, 24, ALNUM));
    let m = one(&rk, &rk);
    assert_eq!(
        (m.catalogue_id, m.mode, m.kind),
        (
            "stripe-restricted-key",
            Some(Mode::Live),
            "live restricted key"
        )
    );
    quiet(&format!("{}{}", "pk_live_", rnd(83, 24, ALNUM)));
    quiet(&format!("{}{}", "pk_test_", rnd(84, 24, ALNUM)));
    assert!(classify_assignment(
        "STRIPE_SECRET_KEY",
        &format!("{}{}", "pk_live_", rnd(85, 24, ALNUM)),
        Span::new(0, 32)
    )
    .is_none());
}

#[test]
fn openai_without_marker_is_medium_and_neon_is_medium() {
    let t = format!("{}{}", "sk-proj-", rnd(86, 60, URLSAFE));
    assert_eq!(one(&t, &t).confidence, Confidence::Medium);
    let t = format!("{}{}", "napi_", rnd(87, 64, LOWER_ALNUM));
    assert_eq!(one(&t, &t).confidence, Confidence::Medium);
    let t = format!(
        "{}{}{}{}{}",
        "sk-proj-",
        rnd(88, 40, URLSAFE),
        "T3Blbk",
        "FJ",
        rnd(89, 40, URLSAFE)
    );
    assert_eq!(one(&t, &t).confidence, Confidence::High);
}

#[test]
fn doppler_service_token_is_project_scoped() {
    let t = format!("{}{}", "dp.st.dev.", rnd(90, 43, ALNUM));
    let m = one(&t, &t);
    assert_eq!((m.kind, m.scope), ("service token", Scope::Project));
}

#[test]
fn aws_secret_key_next_to_id() {
    let id = format!("{}{}", "AKIA", rnd(91, 16, B32));
    let secret = rnd(92, 40, B64);
    let text = format!("[default]\naws_access_key_id = {id}\naws_secret_access_key = {secret}\n");
    let found = scan_text(&text, 0);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].catalogue_id, "aws-access-key-id");
    assert_eq!(found[1].catalogue_id, "aws-secret-access-key");
    assert_eq!(found[1].span.slice(&text), secret);
    // A bare `secret_key` counts only next to an access key id.
    let hcl =
        format!("provider \"aws\" {{\n  access_key = \"{id}\"\n  secret_key = \"{secret}\"\n}}");
    assert_eq!(scan_text(&hcl, 0).len(), 2);
    quiet(&format!("secret_key = \"{secret}\""));
    // The documented example pair is quiet.
    quiet(&format!(
        "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = {}",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    ));
    let m = classify_assignment("AWS_SECRET_ACCESS_KEY", &secret, Span::new(10, 50))
        .expect("aws secret");
    assert_eq!(
        (m.catalogue_id, m.span),
        ("aws-secret-access-key", Span::new(10, 50))
    );
}

fn pem_block(label: &str, seed: u64) -> String {
    let body: Vec<String> = (0..6).map(|i| rnd(seed + i, 64, B64)).collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----",
        body.join("\n")
    )
}

#[test]
fn pem_blocks() {
    let key = pem_block("RSA PRIVATE KEY", 100);
    let text = format!("some text\n{key}\nmore");
    let m = one(&text, &key);
    assert_eq!(
        (m.catalogue_id, m.kind),
        ("pem-private-key", "PEM private key")
    );
    let ssh = pem_block("OPENSSH PRIVATE KEY", 110);
    assert_eq!(one(&ssh, &ssh).kind, "OpenSSH private key");
    quiet("-----BEGIN RSA PRIVATE KEY-----\n-----END RSA PRIVATE KEY-----");
    quiet("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----");
    quiet("Paste your key, starting with -----BEGIN PRIVATE KEY----- here.");
    quiet(&pem_block("CERTIFICATE", 120));
    quiet(&pem_block("PUBLIC KEY", 130));
}

#[test]
fn gcp_service_account_json() {
    let key = pem_block("PRIVATE KEY", 140).replace('\n', "\\n");
    let json = format!(
        "{{\n  \"type\": \"service_account\",\n  \"project_id\": \"demo\",\n  \"private_key\": \"{key}\",\n  \"client_email\": \"a@demo.iam.gserviceaccount.com\"\n}}"
    );
    let m = one(&json, &key);
    assert_eq!(
        (m.catalogue_id, m.provider, m.kind),
        (
            "gcp-service-account-key",
            "Google Cloud",
            "service-account key"
        )
    );
}

#[test]
fn azure_connection_string_and_sas() {
    let k = format!("{}==", rnd(150, 86, B64));
    let text = format!("DefaultEndpointsProtocol=https;AccountName=prodstore;AccountKey={k};EndpointSuffix=core.windows.net");
    assert_eq!(one(&text, &k).catalogue_id, "azure-storage-account-key");
    quiet(&format!(
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={k};"
    ));
    let sig = format!("{}%3D", rnd(151, 40, ALNUM));
    let url = format!(
        "https://a.blob.core.windows.net/c/b.txt?sv=2022-11-02&sp=r&se=2030-01-01&sig={sig}"
    );
    let m = one(&url, &sig);
    assert_eq!(
        (m.catalogue_id, m.scope),
        ("azure-sas-token", Scope::Project)
    );
    quiet(&format!("https://example.com/api?sig={sig}"));
}

fn jwt(payload: &str) -> String {
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(payload),
        rnd(160, 43, URLSAFE)
    )
}

#[test]
fn supabase_jwts() {
    let service = jwt(
        r#"{"iss":"supabase","ref":"abcdefghijklmnop","role":"service_role","iat":1700000000,"exp":2000000000}"#,
    );
    let m = one(&format!("SUPABASE_SERVICE_ROLE_KEY={service}"), &service);
    assert_eq!(
        (m.catalogue_id, m.scope),
        ("supabase-service-role-key", Scope::Admin)
    );
    assert!(m.reach.contains("bypasses row-level security"));
    let anon = jwt(r#"{"iss":"supabase","ref":"abcdefghijklmnop","role":"anon"}"#);
    quiet(&format!("SUPABASE_ANON_KEY={anon}"));
    assert!(classify_assignment("SUPABASE_ANON_TOKEN", &anon, Span::new(0, anon.len())).is_none());
    let demo = jwt(r#"{"iss":"supabase-demo","role":"service_role"}"#);
    quiet(&demo);
    quiet(&jwt(r#"{"sub":"1234567890","name":"John"}"#));
    let publishable = format!("{}{}", "sb_publishable_", rnd(161, 30, ALNUM));
    quiet(&publishable);
}

#[test]
fn railway_from_headers() {
    let u = uuid(170);
    let curl = format!(
        "curl -X POST https://backboard.railway.com/graphql/v2 -H \"Authorization: Bearer {u}\" -d '{{\"query\":\"mutation {{ volumeDelete }}\"}}'"
    );
    let m = one(&curl, &u);
    assert_eq!(
        (m.catalogue_id, m.scope, m.confidence),
        ("railway-account-token", Scope::Account, Confidence::High)
    );
    assert_eq!(
        m.reach,
        "every project and environment of the account or workspace"
    );
    assert!(m.narrower.is_some_and(|n| n.contains("RAILWAY_TOKEN")));
    let pt =
        format!("curl -H 'Project-Access-Token: {u}' https://backboard.railway.app/graphql/v2");
    let m = one(&pt, &u);
    assert_eq!(
        (m.catalogue_id, m.scope),
        ("railway-project-token", Scope::Project)
    );
    // A Bearer UUID with no Railway nearby is only a generic bearer token.
    let other = format!("curl -H \"Authorization: Bearer {u}\" https://api.other.dev/v1");
    let m = one(&other, &u);
    assert_eq!(
        (m.catalogue_id, m.confidence),
        ("http-bearer-token", Confidence::Medium)
    );
    // UUIDs outside a credential context are quiet.
    quiet(&format!("request_id: {u}\nrailway project {u}"));
    quiet("curl -H \"Authorization: Bearer $RAILWAY_API_TOKEN\" https://backboard.railway.com/graphql/v2");
}

#[test]
fn railway_from_assignments() {
    let u = uuid(171);
    let m = classify_assignment("RAILWAY_API_TOKEN", &u, Span::new(18, 54)).expect("account");
    assert_eq!(
        (m.catalogue_id, m.scope, m.confidence, m.span),
        (
            "railway-account-token",
            Scope::Account,
            Confidence::High,
            Span::new(18, 54)
        )
    );
    let m = classify_assignment("RAILWAY_TOKEN", &u, Span::new(0, 36)).expect("project");
    assert_eq!(
        (m.catalogue_id, m.scope),
        ("railway-project-token", Scope::Project)
    );
    let quoted = format!("\"{u}\"");
    let m = classify_assignment("MY_RAILWAY_API_TOKEN_PROD", &quoted, Span::new(5, 43))
        .expect("quoted");
    assert_eq!(m.span, Span::new(6, 42));
    assert!(classify_assignment(
        "RAILWAY_TOKEN",
        "${{ secrets.RAILWAY_TOKEN }}",
        Span::new(0, 28)
    )
    .is_none());
    assert!(
        classify_assignment("RAILWAY_API_TOKEN", "your-railway-token", Span::new(0, 18)).is_none()
    );
    let env = format!(
        "# .env\nRAILWAY_API_TOKEN={u}\nRAILWAY_TOKEN=\"{}\"\n",
        uuid(172)
    );
    let found = scan_text(&env, 0);
    let ids: Vec<&str> = found.iter().map(|m| m.catalogue_id).collect();
    assert_eq!(ids, ["railway-account-token", "railway-project-token"]);
    assert_eq!(found[0].span.slice(&env), u);
    quiet("env:\n  RAILWAY_TOKEN: ${{ secrets.RAILWAY_TOKEN }}\n");
}

#[test]
fn database_urls() {
    let pw = rnd(180, 24, ALNUM);
    let url = format!("DATABASE_URL=postgresql://postgres:{pw}@db.abcd.supabase.co:5432/postgres");
    let m = one(&url, &pw);
    assert_eq!(
        (m.catalogue_id, m.kind, m.scope, m.confidence),
        (
            "database-url-password",
            "database URL password",
            Scope::Admin,
            Confidence::High
        )
    );
    let m = one(
        &format!("mongodb+srv://app_user:{pw}@cluster0.abc.mongodb.net/db"),
        &pw,
    );
    assert_eq!(m.scope, Scope::Unknown);
    let m = one(&format!("redis://:{pw}@localhost:6379/0"), &pw);
    assert_eq!(m.confidence, Confidence::Low);
    for quiet_url in [
        "postgres://localhost:5432/app",
        "postgres://user@host/db",
        "postgres://user:password@host/db",
        "postgres://user:${DB_PASSWORD}@host/db",
        "postgres://user:$PASSWORD@host/db",
        "mysql://root:<password>@host/db",
        "amqp://guest:guest@rabbit:5672/",
        "postgres://postgres:postgres@localhost:5432/test",
        "mypostgres://u:Xk29dk3LQp0@host/db",
    ] {
        quiet(quiet_url);
    }
    let v = format!("mysql://app:{pw}@10.0.0.4/db");
    let m = classify_assignment("DATABASE_URL", &v, Span::new(13, 13 + v.len()));
    assert_eq!(
        m.map(|m| m.span),
        Some(Span::new(13 + 12, 13 + 12 + pw.len()))
    );
}

#[test]
fn http_headers() {
    let basic = STANDARD.encode(format!("deploy:{}", rnd(190, 20, ALNUM)));
    let m = one(
        &format!("curl -H 'Authorization: Basic {basic}' https://x.dev"),
        &basic,
    );
    assert_eq!(
        (m.catalogue_id, m.confidence),
        ("http-basic-credentials", Confidence::Medium)
    );
    quiet(&format!(
        "Authorization: Basic {}",
        STANDARD.encode("user:password")
    ));
    let cf = rnd(191, 37, HEX);
    let m = one(
        &format!("-H \"X-Auth-Email: a@b.c\" -H \"X-Auth-Key: {cf}\""),
        &cf,
    );
    assert_eq!(
        (m.catalogue_id, m.scope),
        ("cloudflare-global-api-key", Scope::Admin)
    );
    let gh = format!("{}{}", "ghp_", rnd(192, 36, ALNUM));
    assert_eq!(
        one(&format!("Authorization: token {gh}"), &gh).catalogue_id,
        "github-classic-pat"
    );
    let opaque = rnd(193, 40, URLSAFE);
    let m = one(&format!("\"Authorization\": \"Bearer {opaque}\""), &opaque);
    assert_eq!(m.catalogue_id, "http-bearer-token");
    for q in [
        "Authorization: Bearer $TOKEN",
        "Authorization: Bearer ${TOKEN}",
        "Authorization: Bearer <token>",
        "Authorization: Bearer YOUR_TOKEN_HERE",
        "headers = {\"Authorization\": f\"Bearer {api_token}\"}",
        "headers['Authorization'] = 'Bearer ' + token",
        "-H \"Authorization: Bearer $(gcloud auth print-access-token)\"",
        "The Authorization header carries the token.",
        "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request",
    ] {
        quiet(q);
    }
}

#[test]
fn twilio_needs_a_secret_next_to_the_sid() {
    let sid = format!("AC{}", rnd(200, 32, HEX));
    let token = rnd(201, 32, HEX);
    let env = format!("TWILIO_ACCOUNT_SID={sid}\nTWILIO_AUTH_TOKEN={token}\n");
    let m = one(&env, &token);
    assert_eq!(
        (m.catalogue_id, m.scope),
        ("twilio-auth-token", Scope::Account)
    );
    let curl = format!("curl https://api.twilio.com/2010-04-01/Accounts -u {sid}:{token}");
    assert_eq!(one(&curl, &token).catalogue_id, "twilio-auth-token");
    quiet(&format!("TWILIO_ACCOUNT_SID={sid}\n"));
    quiet(&format!("account {sid} has messages"));
}

#[test]
fn mailgun_and_datadog() {
    let k = format!("key-{}", rnd(210, 32, HEX));
    assert_eq!(
        one(&format!("mailgun:\n  api_key: {k}"), &k).catalogue_id,
        "mailgun-api-key"
    );
    quiet(&format!("cache key-{} is stale", rnd(211, 32, HEX)));
    let dd = rnd(212, 32, HEX);
    let m = classify_assignment("DD_API_KEY", &dd, Span::new(0, 32)).expect("datadog");
    assert_eq!(m.catalogue_id, "datadog-api-key");
    let app = rnd(213, 40, HEX);
    assert_eq!(
        scan_text(&format!("DATADOG_APP_KEY={app}"), 0)
            .first()
            .map(|m| m.catalogue_id),
        Some("datadog-app-key")
    );
}

#[test]
fn heroku_and_cloudflare_by_name() {
    let u = uuid(220);
    assert_eq!(
        classify_assignment("HEROKU_API_KEY", &u, Span::new(0, 36)).map(|m| m.catalogue_id),
        Some("heroku-api-key")
    );
    let cf = rnd(221, 37, HEX);
    let m = classify_assignment("CLOUDFLARE_API_KEY", &cf, Span::new(0, 37)).expect("cf");
    assert_eq!(
        (m.catalogue_id, m.scope),
        ("cloudflare-global-api-key", Scope::Admin)
    );
}

#[test]
fn generic_assignments() {
    let v = "8f3kd93kfj39dkf93kdf93kd";
    let m = classify_assignment("API_SECRET", v, Span::new(11, 35)).expect("generic");
    assert_eq!(
        (m.catalogue_id, m.provider, m.span),
        ("generic-secret", "generic", Span::new(11, 35))
    );
    assert!(matches!(m.confidence, Confidence::Low | Confidence::Medium));
    let strong = rnd(230, 32, ALNUM);
    assert_eq!(
        classify_assignment("dbPassword", &strong, Span::new(0, 32)).map(|m| m.confidence),
        Some(Confidence::Medium)
    );
    for (name, value) in [
        ("API_SECRET", "${API_SECRET}"),
        ("API_SECRET", "$API_SECRET"),
        ("TOKEN_URL", "https://auth.example.dev/oauth/token"),
        ("PASSWORD", "changeme"),
        ("PASSWORD", ""),
        ("PASSWORD", "TODO"),
        ("API_KEY", "your-key-here"),
        ("SECRET", "****************"),
        ("NEXT_PUBLIC_API_KEY", "8f3kd93kfj39dkf93kdf93kd"),
        ("STRIPE_PUBLISHABLE_KEY", "8f3kd93kfj39dkf93kdf93kd"),
        ("CLIENT_ID", "8f3kd93kfj39dkf93kdf93kd"),
        ("SECRET_NAME", "prod/app/db-credentials-2024"),
        ("TOKEN_FILE", "/var/run/secrets/token1234567890"),
        ("PASSWORD_ENABLED", "true"),
        ("AUTH_TIMEOUT", "3600000000000000000"),
        (
            "ARTIFACT_SHA256",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d28c45e8b9af0",
        ),
        ("SECRET_KEY", "MyApplicationSecretName"),
        ("API_TOKEN", "{{ .Values.apiToken }}"),
        ("DB_PASSWORD", "%(db_password)s"),
        ("DB_PASSWORD", "<%= ENV['DB_PASSWORD'] %>"),
        ("DB_PASSWORD", "var.db_password"),
        ("GITHUB_TOKEN", "${{ secrets.GITHUB_TOKEN }}"),
        ("TOKEN", "${input:token}"),
        ("TOKEN", "${env:TOKEN}"),
        (
            "AWS_SECRET_ACCESS_KEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        ),
        ("TOKENIZERS_PARALLELISM", "false"),
        ("SECRET_VERSION", "1.2.3-beta.4+build.5678"),
    ] {
        assert!(
            classify_assignment(name, value, Span::new(0, value.len())).is_none(),
            "{name}={value}"
        );
    }
}

#[test]
fn name_words() {
    assert!(names::is_secret_name("apiKey"));
    assert!(names::is_secret_name("APIKey"));
    assert!(names::is_secret_name("DB_PASSWORD"));
    assert!(names::is_secret_name("privateKey"));
    assert!(names::is_secret_name("SMTP_PASS"));
    assert!(!names::is_secret_name("AUTHOR"));
    assert!(!names::is_secret_name("TOKEN_URL"));
    assert!(!names::is_secret_name("PUBLIC_KEY"));
    assert!(!names::is_secret_name("SSH_KEY_PATH"));
}

#[test]
fn placeholders_and_references() {
    for p in [
        "your-key-here",
        "<token>",
        "xxxxxxxx",
        "XXXX",
        "changeme",
        "replace_me",
        "example",
        "dummy",
        "test123",
        "****",
        "...",
        "sk_test_xxxxxxxx",
        "aaaaaaaaaaaa",
        "TODO",
        "",
        "  ",
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "[secret]",
        "\"<your token>\"",
    ] {
        assert!(is_placeholder(p), "{p:?}");
    }
    for r in [
        "${VAR}",
        "${VAR:-x}",
        "$VAR",
        "${env:X}",
        "${input:x}",
        "${{ secrets.X }}",
        "var.x",
        "{{ .Values.x }}",
        "%(x)s",
        "<%= x %>",
        "$(cat /run/secret)",
        "op://vault/item/field",
        "local.db_password",
    ] {
        assert!(is_reference(r), "{r:?}");
    }
    let real = rnd(240, 32, ALNUM);
    assert!(!is_placeholder(&real) && !is_reference(&real));
}

#[test]
fn hashes_shas_uuids_and_images_are_quiet() {
    quiet(&format!(
        "sha256: {}\ncommit {}\nid: {}",
        rnd(250, 64, HEX),
        rnd(251, 40, HEX),
        uuid(252)
    ));
    quiet(&format!("integrity: sha512-{}", rnd(253, 86, B64)));
    quiet(&format!(
        "<img src=\"data:image/png;base64,{}\">",
        rnd(254, 4000, B64)
    ));
}

#[test]
fn redact_never_leaks() {
    let live = format!("{}{}", "sk_live_", rnd(260, 99, ALNUM));
    let r = redact(&live);
    assert_eq!(r, format!("{}…(107 chars)", &live[..12]));
    // A password shows neither a prefix nor its exact length.
    assert_eq!(redact("Winter2024!Password"), "…(16–31 chars)");
    for s in [
        live.as_str(),
        "short",
        "0123456789abcdef",
        "a",
        "",
        "ééééééééééééééééééééé",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIE",
    ] {
        let r = redact(s);
        assert_ne!(r, s);
        let prefix = r.split('…').next().unwrap_or("");
        assert!(s.starts_with(prefix));
        assert!(prefix.chars().count() <= 12 && prefix.chars().count() * 4 <= s.chars().count());
        if s.chars().count() < 16 {
            assert!(prefix.is_empty(), "{r}");
        }
    }
}

#[test]
fn fingerprint_is_stable_hex() {
    // A generated token: the plain SHA-256 prefix.
    let token = "sk_live_51Hx7Qm2Wk9Rt4Yp6Zc8Vb3Nd5LfJa0Gs1Ue";
    let plain: String = {
        use sha2::{Digest, Sha256};
        Sha256::digest(token.as_bytes())
            .iter()
            .take(4)
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    assert_eq!(fingerprint(token), plain);
    // A guessable value: stretched, so a log line does not make guesses cheap to confirm.
    let f = fingerprint("abc");
    assert_ne!(f, "ba7816bf");
    assert_eq!(f, fingerprint("abc"));
    assert_ne!(fingerprint("abd"), f);
    assert!(fingerprint("").len() == 8 && fingerprint("x").bytes().all(|b| b.is_ascii_hexdigit()));
}

#[test]
fn no_panic_on_any_input() {
    let mut text = String::new();
    for (tok, _, _) in shaped_tokens() {
        text.push_str(&tok[..tok.len() / 2]);
        text.push_str("é€😀");
    }
    for k in [
        "-----BEGIN ",
        "postgres://a:",
        "Authorization: Bearer ",
        "RAILWAY_TOKEN=",
        "twilio AC",
        "sig=",
        "AccountKey=",
        "eyJ",
    ] {
        text.push_str(k);
        text.push('é');
    }
    for i in 0..text.len() {
        if let Some(s) = text.get(i..) {
            let _ = scan_text(s, i);
        }
    }
    let _ = classify_assignment("é", "é😀", Span::new(0, 1));
    let _ = classify_assignment("TOKEN", "\"", Span::new(5, 6));
    let _ = classify_assignment("TOKEN", "", Span::new(usize::MAX - 1, usize::MAX));
}

/// Throughput on the shared corpus: `cargo test --release -- --ignored throughput --nocapture`.
#[test]
#[ignore]
fn throughput() {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if let Ok(s) = std::fs::read_to_string(&p) {
                out.push(s);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        std::path::Path::new("/work/shared/corpus/repos"),
        &mut files,
    );
    let bytes: usize = files.iter().map(String::len).sum();
    let _ = scan_text("warm-up", 0);
    let t = std::time::Instant::now();
    let mut n = 0;
    for f in &files {
        n += scan_text(f, 0).len();
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{} files, {:.1} MB, {n} findings, {:.3} s, {:.0} MB/s",
        files.len(),
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs
    );
}

/// Where the time goes on the corpus: keyword hits per handler and the prefilter alone.
#[test]
#[ignore]
fn corpus_profile() {
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if let Ok(s) = std::fs::read_to_string(&p) {
                out.push((p.display().to_string(), s));
            }
        }
    }
    let mut files = Vec::new();
    walk(
        std::path::Path::new("/work/shared/corpus/repos"),
        &mut files,
    );
    let t = std::time::Instant::now();
    let _ = scan_text("warm-up", 0);
    let engine = scan::ENGINE.as_ref().expect("engine");
    println!(
        "first call (builds automata and regexes): {:.3} s",
        t.elapsed().as_secs_f64()
    );
    let t = std::time::Instant::now();
    let mut hits = std::collections::BTreeMap::new();
    for (_, f) in &files {
        for (owners, _) in engine.hits_for_tests(f.as_str()) {
            *hits.entry(format!("{owners:?}")).or_insert(0usize) += 1;
        }
    }
    println!(
        "prefilter only: {:.3} s over {} keywords",
        t.elapsed().as_secs_f64(),
        engine.pattern_count()
    );
    let mut v: Vec<_> = hits.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    println!("{v:?}");
    for (p, f) in &files {
        for m in scan_text(f, 0) {
            println!(
                "{p}: {} {} {:?} {}",
                m.catalogue_id,
                m.span.start,
                m.confidence,
                redact(m.span.slice(f))
            );
        }
    }
}

/// What the name rules say about `NAME=value` / `name: value` / `name = "value"` lines in the corpus.
#[test]
#[ignore]
fn corpus_assignments() {
    fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if let Ok(s) = std::fs::read_to_string(&p) {
                out.push((p.display().to_string(), s));
            }
        }
    }
    let mut files = Vec::new();
    walk(
        std::path::Path::new("/work/shared/corpus/repos"),
        &mut files,
    );
    let re = regex::Regex::new(r##"(?m)^[ \t]*(?:export\s+|-\s+)?"?([A-Za-z_][A-Za-z0-9_.-]*)"?\s*[:=]\s*"?([^\s"#,]+)"?"##).expect("re");
    let mut n = 0;
    for (p, f) in &files {
        for c in re.captures_iter(f) {
            let (Some(k), Some(v)) = (c.get(1), c.get(2)) else {
                continue;
            };
            if let Some(m) =
                classify_assignment(k.as_str(), v.as_str(), Span::new(v.start(), v.end()))
            {
                n += 1;
                println!(
                    "{p}: {}={} -> {} {:?}",
                    k.as_str(),
                    v.as_str(),
                    m.catalogue_id,
                    m.confidence
                );
            }
        }
    }
    println!("{n} assignment findings");
}

#[test]
fn base64_pem_private_keys() {
    let key = pem_block("RSA PRIVATE KEY", 300);
    let b64 = STANDARD.encode(format!("{key}\n"));
    let kubeconfig = format!("users:\n- name: admin\n  user:\n    client-key-data: {b64}\n");
    let m = one(&kubeconfig, &b64);
    assert_eq!(
        (m.catalogue_id, m.kind),
        ("pem-private-key", "base64-encoded PEM private key")
    );
    let cert = STANDARD.encode(format!("{}\n", pem_block("CERTIFICATE", 310)));
    quiet(&format!("certificate-authority-data: {cert}"));
    assert!(classify_assignment("cluster_auth_base64", &cert, Span::new(0, cert.len())).is_none());
}

#[test]
fn connection_string_passwords() {
    for (text, password) in [
        (
            "Server=tcp:shop.database.windows.net,1433;Initial Catalog=shop;User ID=app;Password=Vq7kLm2pX9zR4tW;Encrypt=True;",
            "Vq7kLm2pX9zR4tW",
        ),
        (
            "Host=db.example.net;Port=5432;Database=shop;Username=app;Password=Xk29vLq81mZt",
            "Xk29vLq81mZt",
        ),
        (
            "Driver={ODBC Driver 18 for SQL Server};Server=sql.example.net;Uid=app;Pwd=Jq84mLz2Vx7c;",
            "Jq84mLz2Vx7c",
        ),
        (
            "jdbc:postgresql://db.example.net:5432/shop?user=app&password=Rt5vNq82LmXw&ssl=true",
            "Rt5vNq82LmXw",
        ),
    ] {
        assert_eq!(one(text, password).catalogue_id, "connection-string-password", "{text}");
    }
    for text in [
        "psql --password=Xk29vLq81mZt",
        "Server=db.example.net;User ID=app;Password=${DB_PASSWORD};",
        "Server=db.example.net;User ID=app;Password=<your-password>;",
        "Server=db.example.net;User ID=app;Password=;",
        "Set Password=Xk29vLq81mZt in the settings",
    ] {
        quiet(text);
    }
}
