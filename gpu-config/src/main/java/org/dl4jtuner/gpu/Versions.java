package org.dl4jtuner.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;

/**
 * Library versions read at run time from the {@code META-INF/maven/GROUP/ARTIFACT/pom.properties}
 * that Maven puts in every jar, so a report names the jars actually on the class path.
 *
 * <pre>
 * Versions.of("org.nd4j", "nd4j-api"); // Optional[1.0.0-M2.1]
 * </pre>
 */
public final class Versions {
    private Versions() {
    }

    /** The version of the artifact's jar on the class path, or empty when it is not there. */
    public static Optional<String> of(String groupId, String artifactId) {
        return of(Versions.class.getClassLoader(), groupId, artifactId);
    }

    /** The version of the artifact's jar that {@code loader} sees, or empty when it is not there. */
    public static Optional<String> of(ClassLoader loader, String groupId, String artifactId) {
        String name = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("version")).map(String::trim);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
