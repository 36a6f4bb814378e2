package io.credwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.credwatch.config.LoadedConfig;
import io.credwatch.credential.CredentialFingerprint;
import io.credwatch.credential.FingerprintReport;
import io.credwatch.http.JsonMapper;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code credwatch fingerprint}: one line (or JSON object) per account, in configuration order
 * and without times: {@code diff}-able across hosts.
 */
final class FingerprintCommand extends ConfiguredCommand {

    FingerprintCommand(AgentSetup setup, PrintStream out, PrintStream err) {
        super(setup, out, err);
    }

    @Override
    int run(Arguments arguments, LoadedConfig loaded) {
        List<CredentialFingerprint> fingerprints;
        try {
            fingerprints = setup.fingerprints(loaded.config());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.SOFTWARE;
        }
        if (arguments.json()) {
            try {
                out.println(JsonMapper.create().writerWithDefaultPrettyPrinter().writeValueAsString(fingerprints));
            } catch (JsonProcessingException e) {
                err.println("credwatch: cannot write the fingerprints as JSON: " + e.getClass().getSimpleName());
                return ExitCodes.SOFTWARE;
            }
        } else {
            FingerprintReport.lines(fingerprints).forEach(out::println);
        }
        if (fingerprints.isEmpty()) {
            err.println("credwatch: no exchange accounts configured");
        }
        return fingerprints.stream().allMatch(CredentialFingerprint::ok) ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
