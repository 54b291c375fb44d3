package org.dl4jtuner.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.dl4jtuner.cli.UserError;
import org.dl4jtuner.tuner.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wine data on a real HDFS (a NameNode and a DataNode of Hadoop's mini cluster in this JVM, on
 * loopback): SparkStudy with {@code --master local[2]} reads the {@code hdfs://} URL through Spark's
 * Hadoop file system, copies it once and trains on the copy; a path that HDFS does not hold is an
 * error naming data.path and the URL.
 */
class SparkStudyHdfsTest {
    @TempDir
    Path dir;

    @Test
    void aStudyReadsItsDataFromHdfs() throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        try (MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build()) {
            hdfs.waitActive();
            FileSystem fs = hdfs.getFileSystem();
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(DataCacheTest.WINE.toAbsolutePath().toUri()),
                    new org.apache.hadoop.fs.Path("/data/wine.csv"));
            String root = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
            String url = root + "/data/wine.csv";

            UserError missing = assertThrows(UserError.class, () -> RemoteData.of(root + "/data/nope.csv", "csv",
                    new Configuration(), dir.resolve("cache")).localCopy());
            assertEquals("data.path: \"" + root + "/data/nope.csv\" does not exist (read through DistributedFileSystem);"
                    + " it must be an existing file", missing.getMessage());

            String yaml = Files.readString(SparkStudyLocalTest.SPEC)
                    .replace("path: ../data/wine.csv      # relative to this file", "path: '" + url + "'");
            Path spec = Files.writeString(dir.resolve("wine-hdfs.yaml"), yaml);
            String storage = "sqlite:" + dir.resolve("study.db");
            SparkStudyLocalTest.Run run = SparkStudyLocalTest.Run.of(spec.toString(), "--storage", storage, "--master",
                    "local[2]", "--workers", "2", "--trials", "2", "--no-baseline", "--data-cache",
                    dir.resolve("cache").toString(), "--artifacts", dir.resolve("networks").toString());
            System.out.println(run.output());
            assertEquals(0, run.code(), run.output());

            StudyTrials trials = StudyTrials.read(storage, "wine-spark");
            assertEquals(2, trials.in(TrialState.COMPLETE).size() + trials.in(TrialState.PRUNED).size(), run.output());
            Matcher driver = Pattern.compile("data\\.path on the driver: copied " + Pattern.quote(url)
                    + " \\([0-9,]+ bytes\\) to (\\S+)").matcher(run.out());
            assertTrue(driver.find(), "the driver copies the hdfs:// URL: " + run.output());
            assertArrayEquals(Files.readAllBytes(DataCacheTest.WINE), Files.readAllBytes(Path.of(driver.group(1))));
            assertTrue(run.out().contains("data.path " + url + " in the tasks: 0 copied it, 2 reused its executor's copy"),
                    run.output());
        }
    }
}
