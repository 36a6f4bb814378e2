package io.credwatch.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every rule over one file's text: the rule of its format (if it has one) and the content
 * rules. A file that does not parse in its format still gets the content rules, and the
 * parse failure is reported.
 */
final class FileScanner {

    /** A key in a YAML map can be any text, even the secret itself: only plain names are shown. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,80}");
    /** A word or two ({@code basic}, {@code client-certificate}): a method's name, not a credential. */
    private static final Pattern WORDS = Pattern.compile("[A-Za-z]+([_ -][A-Za-z]+)?");
    private static final List<ContentRule> CONTENT_RULES = List.of(new PrivateKeyRule(), new AwsAccessKeyRule(),
            new KnownTokenRule(), new UrlCredentialsRule(), new HighEntropyRule());

    record Result(List<Finding> findings, Optional<ScanProblem> problem) {
    }

    Result scan(String file, String fileName, String text) {
        List<String> lines = text.lines().toList();
        List<Finding> findings = new ArrayList<>();
        Optional<ScanProblem> problem = Optional.empty();
        FileFormat format = FileFormat.detect(fileName, text);
        try {
            findings.addAll(formatFindings(file, format, text));
        } catch (UnparsableException e) {
            problem = Optional.of(new ScanProblem(file, ScanProblem.Kind.UNPARSABLE, "cannot parse as "
                    + format.label() + ": " + e.getMessage() + "; only the content rules ran"));
        }
        for (ContentRule rule : CONTENT_RULES) {
            // A reader that saw every assignment of the file knows references and ciphertext the
            // line-based guess cannot tell from a key (a SealedSecret's encryptedData, var.x in HCL).
            if (!(rule instanceof HighEntropyRule && problem.isEmpty() && format.readsEveryAssignment())) {
                findings.addAll(rule.find(file, lines));
            }
        }
        return new Result(findings, problem);
    }

    private static List<Finding> formatFindings(String file, FileFormat format, String text) throws UnparsableException {
        Optional<FormatReader> reader = format.reader();
        if (reader.isEmpty()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>(literals(file, reader.get().read(text), format.rule(), format.noun()));
        // A task definition or a compose file may hold literals outside environment too (dockerLabels, command).
        if (format == FileFormat.ECS_TASK_DEFINITION || format == FileFormat.COMPOSE) {
            out.addAll(literals(file, new ConfigTreeReader().read(text), ScanRule.CONFIG_SECRET, FileFormat.CONFIG.noun()));
        }
        return out;
    }

    private static List<Finding> literals(String file, List<Assignment> assignments, ScanRule rule, String noun) {
        List<Finding> out = new ArrayList<>();
        for (Assignment a : assignments) {
            if (SecretNames.looksSecret(a.name()) && SecretValues.isLiteral(a.value())
                    && (!SecretNames.isBareKey(a.name()) || SecretValues.looksGenerated(a.value()))
                    && !(SecretNames.onlyAuth(a.name()) && WORDS.matcher(a.value()).matches())) {
                out.add(new Finding(file, a.line(), rule,
                        noun + " " + printable(a.name()) + a.where() + " holds a literal value (" + a.value().length() + " chars)"));
            }
        }
        return out;
    }

    private static String printable(String name) {
        return PLAIN_NAME.matcher(name).matches() ? name : "(a name that is not an identifier)";
    }
}
