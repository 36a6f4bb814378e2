package io.credwatch.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code known-token}: a token whose issuer gives it a recognisable shape (a prefix, a length,
 * an alphabet), found whatever the variable holding it is called. The shapes are the issuers'
 * published formats, cross-checked against gitleaks' rule set; each pattern demands the whole
 * token, so a prefix in prose or a truncated example is not flagged, and placeholders
 * ({@code xoxb-xxxx…}, {@code …EXAMPLE}) are not either.
 */
final class KnownTokenRule implements ContentRule {

    /** {@code hint}: text every match contains, looked for first because a scan is mostly lines without tokens. */
    private record Shape(String what, String hint, Pattern pattern) {
    }

    /** Not part of a longer word on either side. */
    private static Shape shape(String what, String hint, String regex) {
        return new Shape(what, hint, Pattern.compile("(?<![A-Za-z0-9_])" + regex + "(?![A-Za-z0-9_])"));
    }

    private static final List<Shape> SHAPES = List.of(
            // GitHub: classic tokens are a prefix and 36 base62 characters; fine-grained ones github_pat_.
            shape("a GitHub token", "gh", "gh[pousr]_[A-Za-z0-9]{36,251}"),
            shape("a GitHub fine-grained personal access token", "github_pat_", "github_pat_[A-Za-z0-9_]{50,255}"),
            shape("a GitLab token", "gl", "gl(?:pat|dt|rt|ptt|cbt|ft|imt|oas|soat|agent)-[A-Za-z0-9_-]{20,}"),
            shape("a GitLab runner registration token", "GR1348941", "GR1348941[A-Za-z0-9_-]{20}"),
            shape("a Slack token", "xox", "xox[abposre]-[0-9A-Za-z-]{10,}"),
            shape("a Slack app token", "xapp-", "xapp-[0-9]-[A-Z0-9]+-[0-9]+-[a-z0-9]{20,}"),
            shape("a Slack webhook URL", "hooks.slack.com",
                    "https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/+-]{20,}"),
            shape("a Discord webhook URL", "/api/webhooks/",
                    "https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,70}"),
            // Stripe: secret (sk_) and restricted (rk_) keys; publishable keys (pk_) are public.
            shape("a Stripe secret or restricted key", "k_", "(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,99}"),
            shape("a Telegram bot token", ":", "[0-9]{8,10}:[A-Za-z0-9_-]{35}"),
            shape("an npm access token", "npm_", "npm_[A-Za-z0-9]{36}"),
            // PyPI tokens are macaroons whose base64 starts with the encoded "pypi.org" location.
            shape("a PyPI upload token", "pypi-AgEIcHlwaS5vcmc", "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}"),
            shape("a SendGrid API key", "SG.", "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}"),
            shape("a Twilio API key", "SK", "SK[0-9a-f]{32}"),
            shape("a Twilio account SID", "AC", "AC[0-9a-f]{32}"),
            shape("a Google API key", "AIza", "AIza[0-9A-Za-z_-]{35}"),
            shape("an OpenAI API key", "T3BlbkFJ",
                    "sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}"),
            shape("an Anthropic API key", "sk-ant-", "sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,}"),
            shape("a Mailgun API key", "key-", "key-[0-9a-f]{32}"),
            shape("a Shopify access token", "shp", "shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"),
            shape("a DigitalOcean token", "_v1_", "do[opr]_v1_[a-f0-9]{64}"),
            shape("a HashiCorp Vault token", "hv", "hv[sb]\\.[A-Za-z0-9_-]{24,}"),
            shape("a Hugging Face token", "hf_", "hf_[A-Za-z]{34}"),
            shape("a Postman API key", "PMAK-", "PMAK-[a-f0-9]{24}-[a-f0-9]{34}"),
            // A signed JSON Web Token: base64url header and payload (both JSON, so both start eyJ) and a signature.
            shape("a JSON Web Token", "eyJ", "eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{16,}"),
            shape("a Doppler token", "dp.", "dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}"));

    /** A real token has a varied alphabet; {@code ghp_aaaa…} or {@code ghp_0000…} is someone's filler. */
    private static final int MIN_DISTINCT = 6;

    @Override
    public List<Finding> find(String file, List<String> lines) {
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (Shape shape : SHAPES) {
                if (!line.contains(shape.hint())) {
                    continue;
                }
                Matcher m = shape.pattern().matcher(line);
                while (m.find()) {
                    String token = m.group();
                    if (!SecretValues.looksPlaceholder(token) && token.chars().distinct().count() >= MIN_DISTINCT) {
                        out.add(new Finding(file, i + 1, ScanRule.KNOWN_TOKEN,
                                shape.what() + " (" + token.length() + " chars) sits in the file"));
                    }
                }
            }
        }
        return out;
    }
}
