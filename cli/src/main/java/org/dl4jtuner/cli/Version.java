package org.dl4jtuner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code dl4j-tuner --version}: the version the build put in {@code dl4j-tuner-version.properties}
 * (Maven filters {@code ${project.version}} into it), so it always matches the pom.
 */
final class Version implements IVersionProvider {
    static final String RESOURCE = "/dl4j-tuner-version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"dl4j-tuner " + number()};
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}; "unknown" when the resource is missing or unfiltered. */
    static String number() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            return v.isBlank() || v.contains("${") ? "unknown" : v.trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
