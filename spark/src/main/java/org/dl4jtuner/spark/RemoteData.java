package org.dl4jtuner.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.cli.spec.DataUrls;

/**
 * A spec's {@code data.path} given as a URL ({@code hdfs://}, {@code s3a://}, {@code gs://},
 * {@code abfs://}, {@code file://}, ...), read through Spark's Hadoop file system: the driver and each
 * executor copy it once into their {@link DataCache} and train on the local copy. It travels to the
 * tasks with the driver's Hadoop configuration ({@code sparkContext.hadoopConfiguration()}, so
 * {@code spark.hadoop.*} settings and credentials reach the executors) as plain entries, laid over
 * the executor's own defaults and site files.
 *
 * <pre>{@code
 * Configuration hadoop = spark.hadoopConfiguration();
 * DataCache.Copy copy = RemoteData.copy(url, "csv", hadoop, DataCache.in(null));   // the driver's copy
 * RemoteData data = RemoteData.of(url, "csv", hadoop, null);
 * data.localCopy();                       // in a task: its executor's copy, made now or reused
 * }</pre>
 *
 * @param url         the URL as the spec gives it
 * @param type        the spec's {@code data.type} (csv reads a file, the other types a folder)
 * @param hadoopConf  the driver's Hadoop configuration entries
 * @param cacheFolder the cache folder on every machine, or null for each process's default
 */
record RemoteData(String url, String type, Map<String, String> hadoopConf, String cacheFolder) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The spec key that holds the URL. */
    static final String KEY = "data.path";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The URL with the driver's Hadoop configuration as it is now: take it after {@link #copy} so that
     * the entries a file system adds when it is first loaded (hdfs-site.xml for hdfs://) are in it.
     */
    static RemoteData of(String url, String type, Configuration conf, java.nio.file.Path cacheFolder) {
        Map<String, String> entries = new LinkedHashMap<>();
        conf.forEach(e -> entries.put(e.getKey(), e.getValue()));
        return new RemoteData(url, type, entries, cacheFolder == null ? null : cacheFolder.toAbsolutePath().toString());
    }

    /** The spec document's {@code data.path} when it is a URL (hdfs://, file://, ...), else null. */
    static String urlIn(Map<String, Object> document) {
        return document.get("data") instanceof Map<?, ?> data && data.get("path") instanceof String path
                && DataUrls.isUrl(path) ? path : null;
    }

    /** The spec document's {@code data.type}, or null. */
    static String typeIn(Map<String, Object> document) {
        return document.get("data") instanceof Map<?, ?> data && data.get("type") instanceof String t ? t : null;
    }

    /** The spec document with {@code data.path} replaced by the local copy (the document itself is unchanged). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withLocalPath(Map<String, Object> document, String local) {
        Map<String, Object> copy = new LinkedHashMap<>(document);
        Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) document.get("data"));
        data.put("path", local);
        copy.put("data", data);
        return copy;
    }

    /** This executor's copy of the data, made now or found in its cache ({@link #copy}). */
    DataCache.Copy localCopy() {
        Configuration conf = new Configuration();
        hadoopConf.forEach(conf::set);
        return copy(url, type, conf, DataCache.in(cacheFolder));
    }

    /**
     * The copy of the data at {@code url} in {@code cache}, made now or found there.
     *
     * @param type the spec's data.type: csv reads a file, the other types a folder
     * @throws UserError naming {@value #KEY} and the URL when it does not exist, is a file where a
     *                   folder is needed (or the reverse), no file system reads its scheme, or it cannot be read
     */
    static DataCache.Copy copy(String url, String type, Configuration conf, DataCache cache) {
        Path source = new Path(url);
        FileSystem fs;
        try {
            fs = source.getFileSystem(conf);
        } catch (UnsupportedFileSystemException e) {
            throw new UserError(KEY + ": \"" + url + "\" has the scheme " + DataUrls.scheme(url) + ", but no Hadoop"
                    + " FileSystem for it is on the class path (" + e.getMessage() + "); add its connector to the"
                    + " application (hadoop-aws for s3a://, gcs-connector for gs://, hadoop-azure for abfs://, through"
                    + " --jars or --packages), or copy the data to hdfs://, a shared mount or a local path");
        } catch (IOException | RuntimeException e) {
            // a RuntimeException: e.g. fs.SCHEME.impl names a class that is not there
            throw new UserError(KEY + ": \"" + url + "\" cannot be opened through Hadoop's file system: " + e.getMessage());
        }
        boolean folder = !"csv".equals(type);
        try {
            FileStatus status = fs.getFileStatus(source);
            if (status.isDirectory() != folder) {
                throw new UserError(KEY + ": \"" + url + "\" must be an existing " + (folder ? "folder" : "file")
                        + " for type: " + type + ", but it is a " + (status.isDirectory() ? "folder" : "file"));
            }
            return cache.fetch(fs, source);
        } catch (FileNotFoundException e) {
            throw new UserError(KEY + ": \"" + url + "\" does not exist (read through " + fs.getClass().getSimpleName()
                    + "); it must be an existing " + (folder ? "folder" : "file"));
        } catch (IOException e) {
            throw new UserError(KEY + ": \"" + url + "\" cannot be copied to " + cache.folder()
                    + " through " + fs.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The worker plan the driver wrote (JSON with the spec as {@code spec}, its data path the driver's
     * copy) with the data path replaced by this executor's copy.
     */
    static String withLocalPath(String workerPlan, String local) {
        try {
            JsonNode root = JSON.readTree(workerPlan);
            if (!(root.path("spec").path("data") instanceof ObjectNode data)) {
                throw new IllegalStateException("the worker plan has no spec.data section: " + workerPlan);
            }
            data.put("path", local);
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("the worker plan is not JSON: " + e.getMessage(), e);
        }
    }
}
