package dev.opshape.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this build, from {@code version.properties} that Maven fills in from the project version, so that
 * {@code --version} and every JSON manifest report the same string without it being written twice.
 */
public final class BuildVersion implements IVersionProvider {

    private static final String VERSION = load();

    private static String load() {
        Properties properties = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled version.properties", e);
        }
        String version = properties.getProperty("version", "unknown");
        // Unfiltered (for example when run from an IDE without Maven's resource phase).
        return version.startsWith("${") ? "unknown" : version;
    }

    /** The project version, for example {@code 0.1.0-SNAPSHOT} ({@code unknown} outside a Maven build). */
    public static String version() {
        return VERSION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "opshape " + VERSION,
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"
        };
    }
}
