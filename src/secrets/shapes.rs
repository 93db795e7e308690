//! Prefixed and structured token shapes: one row per kind, keyed by the literal the prefilter finds.
//!
//! Regexes are adapted from gitleaks' rule set (see the domain knowledge base, section A) with
//! bounded repetition so a window always suffices. The scan engine runs a row's regex only around
//! a hit of one of its keywords, then checks that the token is not glued to neighbouring letters
//! and is not a placeholder before reporting it.

use super::{jwt, Confidence, Mode, Scope, SecretMatch};

/// Extra decision a row makes once its regex matched: set mode/kind/confidence, or drop the match.
pub(crate) type Finish = fn(token: &str, m: SecretMatch) -> Option<SecretMatch>;

/// Every row may start this many bytes before its keyword (`k_live_` finds `sk_live_`/`rk_live_`).
pub(crate) const MIN_LOOKBACK: usize = 8;

pub(crate) struct Shape {
    /// Literals that trigger the row (case-sensitive). Rows may share a literal, and a literal may
    /// start a few bytes into the token ([`MIN_LOOKBACK`]): fewer distinct literals keep the
    /// prefilter on its fast SIMD path.
    pub keywords: &'static [&'static str],
    /// The token's regex; the token is the whole match. Long tokens use open-ended repetition
    /// (`{100,}`): the window already bounds them, and large bounded repetitions compile slowly.
    pub pattern: &'static str,
    /// How many bytes before the keyword the token may start, beyond [`MIN_LOOKBACK`]
    /// (keywords in the middle of a token).
    pub lookback: usize,
    /// Longest token the regex can match, bounding the window it runs on.
    pub max_len: usize,
    pub id: &'static str,
    pub confidence: Confidence,
    pub finish: Option<Finish>,
}

const fn s(
    keywords: &'static [&'static str],
    pattern: &'static str,
    max_len: usize,
    id: &'static str,
) -> Shape {
    Shape {
        keywords,
        pattern,
        lookback: 0,
        max_len,
        id,
        confidence: Confidence::High,
        finish: None,
    }
}

const fn with(mut sh: Shape, finish: Finish) -> Shape {
    sh.finish = Some(finish);
    sh
}

const fn back(mut sh: Shape, lookback: usize) -> Shape {
    sh.lookback = lookback;
    sh
}

const fn medium(mut sh: Shape) -> Shape {
    sh.confidence = Confidence::Medium;
    sh
}

/// Stripe keys carry their mode in the string; a test key cannot touch live data.
fn stripe(token: &str, m: SecretMatch) -> Option<SecretMatch> {
    let test = token.contains("_test_");
    let secret = token.starts_with("sk_");
    let kind = match (secret, test) {
        (true, false) => "live secret key",
        (true, true) => "test secret key",
        (false, false) => "live restricted key",
        (false, true) => "test restricted key",
    };
    Some(
        m.with_kind(kind)
            .with_mode(Some(if test { Mode::Test } else { Mode::Live })),
    )
}

/// New-style OpenAI keys embed `T3BlbkFJ`; without it the prefix alone is less certain.
fn openai(token: &str, mut m: SecretMatch) -> Option<SecretMatch> {
    if !token.contains("T3BlbkFJ") {
        m.confidence = Confidence::Medium;
    }
    Some(m)
}

/// Only `service_role` JWTs are secret; `anon` keys and demo keys are public by design.
fn supabase_jwt(token: &str, m: SecretMatch) -> Option<SecretMatch> {
    let claims = jwt::claims(token)?;
    if claims.role.as_deref() != Some("service_role")
        || claims.iss.as_deref() == Some("supabase-demo")
    {
        return None;
    }
    Some(m)
}

/// Doppler's second segment names the token type, and with it the reach.
fn doppler(token: &str, m: SecretMatch) -> Option<SecretMatch> {
    let (kind, scope, reach) = match token.get(3..5) {
        Some("pt") => (
            "personal token",
            Scope::Account,
            "every workplace and project the user can reach",
        ),
        Some("ct") => (
            "CLI token",
            Scope::Account,
            "every workplace and project the user can reach",
        ),
        Some("st") => (
            "service token",
            Scope::Project,
            "one config (environment) of one project",
        ),
        Some("sa") => (
            "service account token",
            Scope::Workspace,
            "the projects granted to the service account",
        ),
        _ => return Some(m),
    };
    let mut m = m.with_kind(kind).with_scope(scope);
    m.reach = reach;
    Some(m)
}

/// Vercel's prefixes name the token type.
fn vercel(token: &str, m: SecretMatch) -> Option<SecretMatch> {
    Some(match token.get(..4) {
        Some("vca_") => m.with_kind("app access token"),
        Some("vcr_") => m.with_kind("app refresh token"),
        _ => m,
    })
}

/// Every shape row. Order does not matter; overlapping matches are resolved by the engine.
pub(crate) static SHAPES: &[Shape] = &[
    with(
        s(
            &["k_live_", "k_test_", "k_prod_"],
            r"sk_(?:live|test|prod)_[0-9A-Za-z]{10,247}",
            256,
            "stripe-secret-key",
        ),
        stripe,
    ),
    with(
        s(
            &["k_live_", "k_test_", "k_prod_"],
            r"rk_(?:live|test|prod)_[0-9A-Za-z]{10,247}",
            256,
            "stripe-restricted-key",
        ),
        stripe,
    ),
    s(&["ghp_"], r"ghp_[A-Za-z0-9]{36}", 40, "github-classic-pat"),
    s(
        &["rubygems_"],
        r"rubygems_[a-f0-9]{48}",
        57,
        "rubygems-api-key",
    ),
    s(
        &["AGE-SECRET-KEY-1"],
        r"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}",
        74,
        "age-secret-key",
    ),
    s(
        &["LTAI"],
        r"LTAI[A-Za-z0-9]{20}",
        24,
        "alibaba-access-key-id",
    ),
    s(&["hf_"], r"hf_[A-Za-z]{34}", 37, "huggingface-token"),
    s(
        &["ntn_"],
        r"ntn_[0-9]{11}[A-Za-z0-9]{35}",
        50,
        "notion-token",
    ),
    s(
        &["sntrys_eyJ"],
        r"sntrys_eyJ[A-Za-z0-9+/=_-]{40,}",
        500,
        "sentry-org-token",
    ),
    s(
        &["PMAK-"],
        r"PMAK-[a-f0-9]{24}-[a-f0-9]{34}",
        64,
        "postman-api-key",
    ),
    s(
        &["ATATT3"],
        r"ATATT3[A-Za-z0-9_=-]{150,250}",
        256,
        "atlassian-api-token",
    ),
    s(
        &["dckr_pat_"],
        r"dckr_pat_[A-Za-z0-9_-]{27}",
        36,
        "dockerhub-pat",
    ),
    s(
        &["dapi"],
        r"dapi[a-f0-9]{32}(?:-[0-9])?",
        38,
        "databricks-token",
    ),
    s(
        &["glsa_"],
        r"glsa_[A-Za-z0-9]{32}_[a-f0-9]{8}",
        46,
        "grafana-service-account-token",
    ),
    s(
        &["glc_eyJ"],
        r"glc_eyJ[A-Za-z0-9+/=_-]{40,}",
        600,
        "grafana-cloud-token",
    ),
    s(&["NRAK-"], r"NRAK-[A-Z0-9]{27}", 32, "newrelic-user-key"),
    s(&["figd_"], r"figd_[A-Za-z0-9_-]{40}", 45, "figma-pat"),
    s(
        &["sk.eyJ"],
        r"sk\.eyJ[A-Za-z0-9_-]{40,}\.[A-Za-z0-9_-]{20,}",
        400,
        "mapbox-secret-token",
    ),
    s(
        &["EAAA"],
        r"EAAA[A-Za-z0-9_-]{60}",
        64,
        "square-access-token",
    ),
    s(
        &["sq0csp-"],
        r"sq0csp-[A-Za-z0-9_-]{43}",
        50,
        "square-application-secret",
    ),
    s(
        &["CFPAT-"],
        r"CFPAT-[A-Za-z0-9_-]{43}",
        49,
        "contentful-pat",
    ),
    s(&["nfp_"], r"nfp_[A-Za-z0-9]{36}", 40, "netlify-pat"),
    s(
        &["phx_"],
        r"phx_[A-Za-z0-9_]{40,50}",
        54,
        "posthog-personal-key",
    ),
    s(&["pnu_"], r"pnu_[A-Za-z0-9]{36}", 40, "prefect-api-key"),
    s(&["r8_"], r"r8_[A-Za-z0-9]{37}", 40, "replicate-token"),
    s(&["gsk_"], r"gsk_[A-Za-z0-9]{52}", 56, "groq-api-key"),
    s(&["xai-"], r"xai-[A-Za-z0-9]{80}", 84, "xai-api-key"),
    s(
        &["pplx-"],
        r"pplx-[A-Za-z0-9]{48}",
        53,
        "perplexity-api-key",
    ),
    s(
        &["sk-or-v1-"],
        r"sk-or-v1-[a-f0-9]{64}",
        73,
        "openrouter-api-key",
    ),
    s(&["bkua_"], r"bkua_[a-z0-9]{40}", 45, "buildkite-token"),
    s(
        &["CCIPAT_"],
        r"CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}",
        70,
        "circleci-pat",
    ),
    s(&["squ_"], r"squ_[a-f0-9]{40}", 44, "sonarqube-user-token"),
    s(
        &["sqco_"],
        r"sqco_[A-Za-z0-9]{40,70}",
        76,
        "sonarcloud-token",
    ),
    s(&["dop_v1_"], r"dop_v1_[a-f0-9]{64}", 71, "digitalocean-pat"),
    s(
        &["sdk-"],
        r"sdk-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        40,
        "launchdarkly-sdk-key",
    ),
    s(
        &["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"],
        r"https://(?:canary\.|ptb\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,72}",
        140,
        "discord-webhook-url",
    ),
    back(
        s(
            &["webhook.office.com/webhookb2/"],
            r"https://[a-z0-9-]{1,60}\.webhook\.office\.com/webhookb2/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f-]{36}(?:/[A-Za-z0-9_-]{1,80})?",
            330,
            "teams-webhook-url",
        ),
        72,
    ),
    s(
        &["cloudinary://"],
        r"cloudinary://[0-9]{10,20}:[A-Za-z0-9_-]{20,40}@[a-z0-9_-]{1,64}",
        140,
        "cloudinary-url",
    ),
    s(&["gho_"], r"gho_[A-Za-z0-9]{36}", 40, "github-oauth-token"),
    s(
        &["ghu_"],
        r"ghu_[A-Za-z0-9]{36}",
        40,
        "github-app-user-token",
    ),
    s(
        &["ghs_"],
        r"ghs_[A-Za-z0-9]{36}",
        40,
        "github-app-installation-token",
    ),
    s(
        &["ghr_"],
        r"ghr_[A-Za-z0-9]{36}",
        40,
        "github-refresh-token",
    ),
    s(
        &["github_pat_"],
        r"github_pat_[A-Za-z0-9_]{82}",
        93,
        "github-fine-grained-pat",
    ),
    s(
        &["glpat-"],
        r"glpat-[A-Za-z0-9_-]{20,300}(?:\.[0-9a-z]{9})?",
        316,
        "gitlab-pat",
    ),
    s(
        &["gldt-"],
        r"gldt-[A-Za-z0-9_-]{20,64}",
        69,
        "gitlab-deploy-token",
    ),
    s(
        &["glptt-"],
        r"glptt-[0-9a-f]{40}",
        46,
        "gitlab-pipeline-trigger-token",
    ),
    s(
        &["glrt-", "GR1348941"],
        r"(?:glrt-|GR1348941)[A-Za-z0-9_.-]{20,80}",
        89,
        "gitlab-runner-token",
    ),
    s(
        &["glcbt-"],
        r"glcbt-[A-Za-z0-9_.-]{20,80}",
        86,
        "gitlab-ci-job-token",
    ),
    s(
        &["gloas-"],
        r"gloas-[A-Za-z0-9_-]{64}",
        70,
        "gitlab-oauth-secret",
    ),
    s(
        &["glft-", "glimt-", "glagent-", "glsoat-", "glffct-"],
        r"gl(?:ft|imt|agent|soat|ffct)-[A-Za-z0-9_.-]{20,80}",
        88,
        "gitlab-other-token",
    ),
    s(&["AKIA"], r"AKIA[A-Z2-7]{16}", 20, "aws-access-key-id"),
    s(
        &["ASIA"],
        r"ASIA[A-Z2-7]{16}",
        20,
        "aws-temporary-access-key-id",
    ),
    s(
        &["ABSK"],
        r"ABSK[A-Za-z0-9+/]{109,269}={0,2}",
        275,
        "aws-bedrock-api-key",
    ),
    s(
        &["bedrock-api-key-"],
        r"bedrock-api-key-[A-Za-z0-9+/]{60,}={0,2}",
        2018,
        "aws-bedrock-api-key",
    ),
    s(&["AIza"], r"AIza[A-Za-z0-9_-]{35}", 39, "gcp-api-key"),
    back(
        s(
            &[
                "0Q~", "1Q~", "2Q~", "3Q~", "4Q~", "5Q~", "6Q~", "7Q~", "8Q~", "9Q~",
            ],
            r"[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}",
            40,
            "azure-ad-client-secret",
        ),
        4,
    ),
    s(
        &["xox"],
        r"xoxb-[0-9]{10,13}-[0-9]{10,13}[A-Za-z0-9-]{0,64}",
        96,
        "slack-bot-token",
    ),
    s(
        &["xox"],
        r"xoxp(?:-[0-9]{10,13}){3}-[A-Za-z0-9-]{28,34}",
        84,
        "slack-user-token",
    ),
    s(
        &["xapp-"],
        r"xapp-[0-9]-[A-Z0-9]{1,16}-[0-9]{1,16}-[a-z0-9]{32,80}",
        140,
        "slack-app-token",
    ),
    s(
        &["xox"],
        r"xoxe(?:\.xox[bp]-[0-9]-[A-Z0-9]{163,166}|-[0-9]-[A-Z0-9]{146})",
        180,
        "slack-config-token",
    ),
    s(
        &["xox"],
        r"xox[aros]-(?:[0-9]+-){0,3}[0-9a-zA-Z]{8,48}",
        100,
        "slack-legacy-token",
    ),
    back(
        s(
            &["hooks.slack.com/"],
            r"(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}",
            90,
            "slack-webhook-url",
        ),
        8,
    ),
    with(
        s(
            &["eyJ"],
            r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}",
            3100,
            "supabase-service-role-key",
        ),
        supabase_jwt,
    ),
    s(
        &["sb_secret_"],
        r"sb_secret_[A-Za-z0-9_-]{20,128}",
        138,
        "supabase-secret-key",
    ),
    s(&["sbp_"], r"sbp_(?:v0_)?[a-f0-9]{40}", 47, "supabase-pat"),
    s(
        &["vcp_"],
        r"vcp_[A-Za-z0-9]{24,100}",
        104,
        "vercel-personal-token",
    ),
    s(
        &["vci_"],
        r"vci_[A-Za-z0-9]{24,100}",
        104,
        "vercel-integration-token",
    ),
    with(
        s(
            &["vca_", "vcr_"],
            r"vc[ar]_[A-Za-z0-9]{24,100}",
            104,
            "vercel-app-token",
        ),
        vercel,
    ),
    s(&["vck_"], r"vck_[A-Za-z0-9]{24,100}", 104, "vercel-api-key"),
    s(
        &["fm2_"],
        r"fm2_[A-Za-z0-9+/=_-]{100,}(?:,fm2_[A-Za-z0-9+/=_-]{20,})*",
        36_000,
        "flyio-token",
    ),
    s(
        &["fm1"],
        r"fm1[ar]_[A-Za-z0-9+/=_-]{100,}",
        4005,
        "flyio-token",
    ),
    s(
        &["fo1_"],
        r"fo1_[A-Za-z0-9_-]{43}",
        47,
        "flyio-legacy-token",
    ),
    s(
        &["cfk_"],
        r"cfk_[A-Za-z0-9]{40}[0-9a-fA-F]{8}",
        52,
        "cloudflare-global-api-key",
    ),
    s(
        &["cfut_", "cfat_"],
        r"cf[ua]t_[A-Za-z0-9]{40}[0-9a-fA-F]{8}",
        53,
        "cloudflare-api-token",
    ),
    s(
        &["v1.0-"],
        r"v1\.0-[a-f0-9]{24}-[a-f0-9]{146}",
        176,
        "cloudflare-origin-ca-key",
    ),
    s(
        &["_v1_"],
        r"do[por]_v1_[a-f0-9]{64}",
        71,
        "digitalocean-token",
    ),
    s(
        &["HRKU-AA"],
        r"HRKU-AA[0-9a-zA-Z_-]{58}",
        65,
        "heroku-api-key",
    ),
    s(
        &["pscale_"],
        r"pscale_tkn_[A-Za-z0-9_=.-]{32,64}",
        75,
        "planetscale-service-token",
    ),
    s(
        &["pscale_"],
        r"pscale_pw_[A-Za-z0-9_=.-]{32,64}",
        74,
        "planetscale-password",
    ),
    s(
        &["pscale_"],
        r"pscale_oauth_[A-Za-z0-9_=.-]{32,64}",
        77,
        "planetscale-oauth-token",
    ),
    medium(s(
        &["napi_"],
        r"napi_[A-Za-z0-9]{32,128}",
        133,
        "neon-api-key",
    )),
    with(
        s(
            &["sk-proj-"],
            r"sk-proj-[A-Za-z0-9_-]{40,300}",
            308,
            "openai-project-key",
        ),
        openai,
    ),
    with(
        s(
            &["sk-svcacct-"],
            r"sk-svcacct-[A-Za-z0-9_-]{40,300}",
            311,
            "openai-service-account-key",
        ),
        openai,
    ),
    with(
        s(
            &["sk-admin-"],
            r"sk-admin-[A-Za-z0-9_-]{40,300}",
            309,
            "openai-admin-key",
        ),
        openai,
    ),
    back(
        s(
            &["T3BlbkFJ"],
            r"sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}",
            51,
            "openai-user-key",
        ),
        23,
    ),
    s(
        &["sk-ant-"],
        r"sk-ant-api03-[A-Za-z0-9_-]{93}AA",
        108,
        "anthropic-api-key",
    ),
    s(
        &["sk-ant-"],
        r"sk-ant-admin01-[A-Za-z0-9_-]{93}AA",
        110,
        "anthropic-admin-key",
    ),
    s(
        &["sk-ant-"],
        r"sk-ant-oat01-[A-Za-z0-9_-]{80,120}",
        133,
        "anthropic-oauth-token",
    ),
    s(&["npm_"], r"npm_[A-Za-z0-9]{36}", 40, "npm-token"),
    s(
        &["pypi-AgEIcHlwaS5vcmc"],
        r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}",
        1020,
        "pypi-token",
    ),
    s(
        &["SG."],
        r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}",
        69,
        "sendgrid-api-key",
    ),
    with(
        s(
            &["dp."],
            r"dp\.(?:pt|ct|sa|st)\.(?:[a-z0-9_-]{1,40}\.)?[A-Za-z0-9]{40,44}",
            92,
            "doppler-token",
        ),
        doppler,
    ),
    s(&["pul-"], r"pul-[a-f0-9]{40}", 44, "pulumi-token"),
    s(&["hvs."], r"hvs\.[A-Za-z0-9_-]{24,120}", 124, "vault-token"),
    s(
        &["hvb."],
        r"hvb\.[A-Za-z0-9_-]{138,300}",
        304,
        "vault-token",
    ),
    back(
        s(
            &[".atlasv1."],
            r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}",
            93,
            "terraform-cloud-token",
        ),
        14,
    ),
    s(
        &["shp"],
        r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}",
        38,
        "shopify-token",
    ),
    s(
        &["lin_api_"],
        r"lin_api_[A-Za-z0-9]{40}",
        48,
        "linear-api-key",
    ),
];
