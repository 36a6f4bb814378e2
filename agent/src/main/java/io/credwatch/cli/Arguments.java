package io.credwatch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A parsed command line: {@code <command> [--config FILE] [--only ID]... [--json] [--ignore ENTRY]... [PATH...]}. */
record Arguments(String command, Optional<Path> config, List<String> only, boolean json, List<String> ignore,
                 List<String> operands) {

    static final List<String> COMMANDS = List.of("run", "check", "fingerprint", "scan", "validate", "version");

    static Arguments parse(String[] args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        String command = args[0];
        if (command.equals("-h") || command.equals("--help") || command.equals("help")) {
            return new Arguments("help", Optional.empty(), List.of(), false, List.of(), List.of());
        }
        if (command.equals("--version")) {
            command = "version";
        }
        if (!COMMANDS.contains(command)) {
            throw new UsageException("unknown command '" + command + "'");
        }
        Optional<Path> config = Optional.empty();
        List<String> only = new ArrayList<>();
        List<String> ignore = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        boolean json = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--config", "-c" -> config = Optional.of(Path.of(value(args, ++i, a)));
                case "--only" -> only.add(value(args, ++i, a));
                case "--json" -> json = true;
                case "--ignore" -> ignore.add(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--config=")) {
                        config = Optional.of(Path.of(a.substring("--config=".length())));
                    } else if (a.startsWith("--only=")) {
                        only.add(a.substring("--only=".length()));
                    } else if (a.startsWith("--ignore=")) {
                        ignore.add(a.substring("--ignore=".length()));
                    } else if (a.startsWith("-")) {
                        throw new UsageException("unknown option '" + a + "' for " + command);
                    } else {
                        operands.add(a);
                    }
                }
            }
        }
        if (command.equals("scan") && operands.isEmpty()) {
            throw new UsageException("scan needs at least one file or directory");
        }
        if (!ignore.isEmpty() && !command.equals("scan")) {
            throw new UsageException("--ignore belongs to the scan command");
        }
        if (!operands.isEmpty() && !command.equals("scan")) {
            throw new UsageException(command + " takes no arguments besides options: " + operands.get(0));
        }
        if (!only.isEmpty() && !command.equals("check")) {
            throw new UsageException("--only belongs to the check command");
        }
        if (json && !command.equals("check") && !command.equals("fingerprint")) {
            throw new UsageException("--json belongs to the check and fingerprint commands");
        }
        return new Arguments(command, config, List.copyOf(only), json, List.copyOf(ignore), List.copyOf(operands));
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
