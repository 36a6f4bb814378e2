package io.credwatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaintextSecretsConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/nonexistent/credwatch.yaml"));

    private String refused(String yaml) {
        return assertThrows(ConfigException.class, () -> loader.parse(yaml)).getMessage();
    }

    @Test
    void globsAndIgnoreEntriesAreRead() throws Exception {
        var c = loader.parse("checks: { plaintext-secrets: { paths: [\"/opt/app/*.json\"], ignore: [\"*.env.example\", "
                + "\"/opt/app/ci.env#high-entropy\"] } }").checks().plaintextSecrets();
        assertEquals(List.of("/opt/app/*.json"), c.paths());
        assertEquals(List.of("*.env.example", "/opt/app/ci.env#high-entropy"), c.ignore());
    }

    @Test
    void aMalformedIgnoreEntryIsRefusedNamingTheField() {
        assertEquals("checks.plaintext-secrets.ignore[1]: '#dotenv-secret' has no glob before '#'; write GLOB#RULE, "
                + "e.g. '*.env#high-entropy'",
                refused("checks: { plaintext-secrets: { ignore: [\"*.env\", \"#dotenv-secret\"] } }"));
        assertEquals("checks.plaintext-secrets.ignore[0]: '*.env#no rule': 'no rule' is not a rule id; write GLOB#RULE "
                + "with a rule such as dotenv-secret or high-entropy",
                refused("checks: { plaintext-secrets: { ignore: [\"*.env#no rule\"] } }"));
    }

    @Test
    void aMalformedPathGlobIsRefusedNamingTheField() {
        assertEquals("checks.plaintext-secrets.paths[0]: '/opt/[app' is not a valid glob: Missing ']",
                refused("checks: { plaintext-secrets: { paths: [\"/opt/[app\"] } }"));
    }
}
