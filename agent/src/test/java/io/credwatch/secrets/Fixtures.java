package io.credwatch.secrets;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/** The fixture files under src/test/resources/scan: {@code flagged/} and their clean twins in {@code clean/}. */
final class Fixtures {

    /** Part of no fixture and no message; a leak of any 8 characters of it is caught. */
    static final String CANARY = "CnRy7Qv2Lx9Wm4Tz8Kp3Jd6Hs1Gf5Bn0";

    private Fixtures() {
    }

    static Path dir(String name) {
        try {
            return Path.of(Objects.requireNonNull(Fixtures.class.getResource("/scan/" + name)).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first 8-character piece of {@link #CANARY} found in {@code text}, or null. */
    static String canaryPiece(String text) {
        for (int i = 0; i + 8 <= CANARY.length(); i++) {
            if (text.contains(CANARY.substring(i, i + 8))) {
                return CANARY.substring(i, i + 8);
            }
        }
        return null;
    }

    /** One file of each format, each holding {@link #CANARY} where a rule finds it. */
    static String[][] canaryFiles() {
        String c = CANARY;
        return new String[][] {
            {".env", "API_SECRET=" + c + "\nexport DB_PASSWORD=\"" + c + "\"\n"},
            {"task.json", "{\"containerDefinitions\": [{\"name\": \"bot\", \"environment\": [\n"
                    + "  {\"name\": \"API_SECRET\", \"value\": \"" + c + "\"}]}]}\n"},
            {"docker-compose.yml", "services:\n  bot:\n    environment:\n      API_SECRET: " + c + "\n"
                    + "  other:\n    environment:\n      - API_TOKEN=" + c + "\n"},
            {"bot.service", "[Service]\nEnvironment=\"API_SECRET=" + c + "\" \"API_KEY=" + c + "\"\n"},
            {"settings.yaml", "exchange:\n  apiSecret: " + c + "\n"},
            {"run.sh", "export EXCHANGE_SECRET=" + c + "\n"},
            {"creds.txt", "AKIAQWERTYUIOPASDFGH\n" + c + "Ab3/x+Yz\n"},
        };
    }
}
