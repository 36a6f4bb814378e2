package io.credwatch.secrets;

import io.credwatch.credential.DotenvFile;
import java.util.List;

/** {@code .env} files for the scanner, read exactly as the credential sources read them ({@link DotenvFile}). */
final class DotenvReader implements FormatReader {

    @Override
    public List<Assignment> read(String text) {
        return DotenvFile.entries(text).stream().map(e -> new Assignment(e.name(), e.value(), e.line(), "")).toList();
    }
}
