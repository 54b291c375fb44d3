package org.dl4jtuner.cli.spec;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A spec's {@code data.path} given as a URL ({@code hdfs://namenode/data/wine.csv},
 * {@code s3a://bucket/photos}, {@code file:///srv/data/wine.csv}) rather than a local file or folder.
 * {@code dl4j-tuner run} reads {@code file:} URLs as the local path they name and refuses the other
 * schemes, which only {@code org.dl4jtuner.spark.SparkStudy} reads (through Spark's Hadoop file system).
 *
 * <pre>{@code
 * DataUrls.isUrl("hdfs://nn:8020/data/wine.csv");   // true
 * DataUrls.isUrl("../data/wine.csv");               // false
 * DataUrls.scheme("s3a://bucket/wine.csv");         // "s3a"
 * }</pre>
 */
public final class DataUrls {
    /** A scheme of two or more characters (so a Windows drive, C:/, is a path) followed by ":/". */
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:/.*");

    private DataUrls() {
    }

    /** Whether the text is a URL with a scheme rather than a local path. */
    public static boolean isUrl(String text) {
        return text != null && URL.matcher(text).matches();
    }

    /** The URL's scheme in lower case ({@code hdfs}, {@code s3a}, {@code file}, ...). */
    public static String scheme(String url) {
        if (!isUrl(url)) {
            throw new IllegalArgumentException("a URL such as hdfs://namenode/data must be given, but got '" + url + "'");
        }
        return url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT);
    }

    /**
     * The local path a {@code file:} URL names ({@code file:///srv/wine.csv}, {@code file:/srv/wine.csv}).
     *
     * @throws IllegalArgumentException for another scheme, or a file URL with a host or a relative path
     */
    public static Path localPath(String fileUrl) {
        if (!scheme(fileUrl).equals("file")) {
            throw new IllegalArgumentException("a file: URL must be given, but got '" + fileUrl + "'");
        }
        try {
            return Path.of(URI.create(fileUrl));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new IllegalArgumentException("'" + fileUrl + "' is not a local file URL such as file:///srv/data/wine.csv ("
                    + e.getMessage() + ")", e);
        }
    }
}
