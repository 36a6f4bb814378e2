package io.credwatch.info;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Version and build time, stamped into the jar by Maven. */
public record BuildInfo(String version, String buildTime) {

    public static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/credwatch-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown": a version string is never worth failing for
        }
        return new BuildInfo(p.getProperty("version", "unknown"), p.getProperty("buildTime", "unknown"));
    }

    /** What credwatch calls itself to a server ({@code credwatch/0.1.0}), so its operators can tell who calls. */
    public String userAgent() {
        return "credwatch/" + version;
    }
}
