package io.credwatch.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code private-key}: a private key in any of its common wrappings with a real body: PEM
 * ({@code -----BEGIN ... PRIVATE KEY-----}: PKCS#1 RSA, PKCS#8, EC, DSA, OpenSSH, PGP) and
 * PuTTY's {@code .ppk}. Like gitleaks' private-key rule, a body of at least 64 base64
 * characters is required, so documentation showing only the armour lines is not flagged; so
 * are placeholders in the body. Works on keys split over lines and on keys folded into one
 * JSON string with {@code \n}.
 *
 * <p>A key encrypted with a passphrase (PKCS#8 {@code ENCRYPTED PRIVATE KEY}, a traditional
 * PEM with {@code Proc-Type: 4,ENCRYPTED}, an OpenSSH key whose cipher is not {@code none}, a
 * PuTTY key whose {@code Encryption} is not {@code none}) is not a finding: ciphertext in a
 * repository is how a key is meant to be kept there.
 */
final class PrivateKeyRule implements ContentRule {

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY( BLOCK)?-----");
    private static final Pattern END = Pattern.compile("-----END[ A-Z0-9_-]{0,100}PRIVATE KEY( BLOCK)?-----");
    private static final Pattern PUTTY = Pattern.compile("PuTTY-User-Key-File-[0-9]+:\\s*(\\S+)");
    private static final Pattern PUTTY_ENCRYPTION = Pattern.compile("Encryption:\\s*(\\S+)");
    private static final Pattern PUTTY_PRIVATE = Pattern.compile("Private-Lines:\\s*[0-9]+");
    /** openssh-key-v1 format (OpenSSH PROTOCOL.key): magic, NUL, then the cipher name as a length-prefixed string. */
    private static final byte[] OPENSSH_MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MIN_BODY = 64;
    /** A PEM key is a few kilobytes at most: 4096-bit RSA is about 50 lines. */
    private static final int MAX_LINES = 200;
    /** A .ppk names its encryption on one of the lines just after its first. */
    private static final int PUTTY_HEADER_LINES = 4;

    @Override
    public List<Finding> find(String file, List<String> lines) {
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.contains("-----BEGIN") && !line.contains("PuTTY-User-Key-File-")) {
                continue;
            }
            Matcher begin = BEGIN.matcher(line);
            if (begin.find()) {
                pem(file, lines, i, begin).ifPresent(out::add);
                continue;
            }
            Matcher putty = PUTTY.matcher(line);
            if (putty.find() && puttyUnencrypted(lines, i)) {
                out.add(new Finding(file, i + 1, ScanRule.PRIVATE_KEY,
                        "a PuTTY private key (" + putty.group(1) + ", not encrypted) sits in the file"));
            }
        }
        return out;
    }

    private static Optional<Finding> pem(String file, List<String> lines, int i, Matcher begin) {
        String kind = begin.group().replace("-----BEGIN", "").replace("-----", "").strip();
        if (kind.startsWith("ENCRYPTED")) {
            return Optional.empty();
        }
        StringBuilder body = new StringBuilder(lines.get(i).substring(begin.end()));
        int j = i;
        while (!END.matcher(body).find() && j + 1 < lines.size() && j - i < MAX_LINES) {
            body.append('\n').append(lines.get(++j));
        }
        Matcher end = END.matcher(body);
        String armoured = end.find() ? body.substring(0, end.start()) : body.toString();
        String unfolded = armoured.replace("\\n", "\n");
        if (unfolded.contains("Proc-Type: 4,ENCRYPTED")) {
            return Optional.empty();
        }
        String base64 = unfolded.replaceAll("[^A-Za-z0-9+/]", "");
        if (base64.length() < MIN_BODY || SecretValues.mentionsPlaceholder(armoured)
                || (kind.startsWith("OPENSSH") && opensshEncrypted(unfolded))) {
            return Optional.empty();
        }
        return Optional.of(new Finding(file, i + 1, ScanRule.PRIVATE_KEY,
                "a PEM " + kind + " (" + (j - i + 1) + " lines) sits in the file"));
    }

    /** Whether the key's cipher is anything but {@code none}; a body that does not decode is taken as plain. */
    private static boolean opensshEncrypted(String armoured) {
        String b64 = armoured.replaceAll("[^A-Za-z0-9+/]", "");
        if (b64.length() < MIN_BODY) {
            return false;
        }
        byte[] der = Base64.getDecoder().decode(b64.substring(0, MIN_BODY));
        int at = OPENSSH_MAGIC.length;
        if (der.length < at + 4) {
            return false;
        }
        for (int k = 0; k < OPENSSH_MAGIC.length; k++) {
            if (der[k] != OPENSSH_MAGIC[k]) {
                return false;
            }
        }
        int len = ((der[at] & 0xff) << 24) | ((der[at + 1] & 0xff) << 16) | ((der[at + 2] & 0xff) << 8) | (der[at + 3] & 0xff);
        if (len <= 0 || der.length < at + 4 + len) {
            return false;
        }
        return !"none".equals(new String(der, at + 4, len, StandardCharsets.US_ASCII));
    }

    private static boolean puttyUnencrypted(List<String> lines, int at) {
        String encryption = null;
        boolean body = false;
        for (int j = at + 1; j < Math.min(lines.size(), at + MAX_LINES); j++) {
            Matcher e = PUTTY_ENCRYPTION.matcher(lines.get(j));
            if (j <= at + PUTTY_HEADER_LINES && encryption == null && e.find()) {
                encryption = e.group(1);
            }
            if (PUTTY_PRIVATE.matcher(lines.get(j)).find() && j + 1 < lines.size()
                    && lines.get(j + 1).strip().replaceAll("[^A-Za-z0-9+/]", "").length() >= 16) {
                body = true;
                break;
            }
        }
        return "none".equals(encryption) && body && !SecretValues.mentionsPlaceholder(String.join("\n",
                lines.subList(at, Math.min(lines.size(), at + PUTTY_HEADER_LINES))));
    }
}
