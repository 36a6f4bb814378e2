package io.credwatch.secrets;

import java.util.List;

/** Turns one kind of file into its assignments, with the line each one starts on. */
interface FormatReader {

    List<Assignment> read(String text) throws UnparsableException;
}
