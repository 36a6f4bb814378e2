package io.credwatch.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a configuration file as text, refusing what cannot be one before YAML sees it: a
 * directory, pipe, socket or device (opening a FIFO blocks until something writes to it,
 * which may be never; {@code /dev/zero} would never end), a file too large to be a
 * configuration (read no further than the limit, so a wrong path such as a log file cannot
 * fill the 64 MiB heap), an empty one (a truncated write would otherwise switch every check
 * to its default), and bytes that are not UTF-8 text. Messages name the line, never the
 * file's content.
 */
final class ConfigFile {

    /** A full configuration with a hundred accounts is under 64 KiB. */
    static final int MAX_BYTES = 1024 * 1024;

    private ConfigFile() {
    }

    static String read(Path file) throws ConfigException {
        refuseAllButRegularFiles(file);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new ConfigException("", "larger than " + MAX_BYTES / 1024 + " KiB; a configuration is a few KiB: "
                    + "is this the right file?");
        }
        String text = decode(bytes);
        if (text.isBlank()) {
            throw new ConfigException("", "the file is empty; write at least one setting, or name no file to run on "
                    + "the built-in defaults");
        }
        refuseControlCharacters(text);
        return text;
    }

    /**
     * Looked at before it is opened: Java has no non-blocking open, and {@code open(2)} of a FIFO
     * for reading waits for a writer. Symbolic links are followed, as the read will follow them.
     */
    private static void refuseAllButRegularFiles(Path file) throws ConfigException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw unreadable(e);
        }
        if (attributes.isDirectory()) {
            throw new ConfigException("", "is a directory, not a configuration file");
        }
        if (!attributes.isRegularFile()) {
            throw new ConfigException("", "not a regular file (a pipe, socket or device); give the path of the "
                    + "configuration file itself");
        }
    }

    private static ConfigException unreadable(IOException e) {
        if (e instanceof NoSuchFileException) {
            return new ConfigException("", "no such file");
        }
        if (e instanceof AccessDeniedException) {
            return new ConfigException("", "permission denied; the user credwatch runs as must be able to read it");
        }
        return new ConfigException("", "cannot read it: " + e.getClass().getSimpleName());
    }

    /** Strict UTF-8: a Latin-1 or binary file is refused with where, not decoded into replacement characters. */
    private static String decode(byte[] bytes) throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            throw new ConfigException("", String.format("is not UTF-8 text (byte 0x%02x on line %d): a binary file, "
                    + "or text in another encoding; save it as UTF-8", bytes[at] & 0xff, lineOf(bytes, at)));
        }
        out.flip();
        String text = out.toString();
        // A byte order mark some editors write is not part of the YAML.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static void refuseControlCharacters(String text) throws ConfigException {
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c < 0x20 && c != '\t' && c != '\r' || c == 0x7f) {
                throw new ConfigException("", String.format("contains the control character 0x%02x on line %d; "
                        + "is it a binary file?", (int) c, line));
            }
        }
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
