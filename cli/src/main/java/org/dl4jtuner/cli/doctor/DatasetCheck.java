package org.dl4jtuner.cli.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dl4jtuner.datasets.FashionMnist;
import org.dl4jtuner.gpu.Problem;

/**
 * Where the data of a study would come from. Fashion-MNIST is always looked up the way a study
 * does ({@link FashionMnist#installed()}); its absence is a problem only when asked for with
 * {@code --dataset fashion-mnist}, since the bundled subset needs nothing. Any other
 * {@code --dataset} is a file or folder that must exist.
 */
final class DatasetCheck {
    static final String FASHION = "fashion-mnist";

    private DatasetCheck() {
    }

    /** The status of each dataset by name, adding a problem for each asked-for one that is missing. */
    static Map<String, Object> check(List<String> asked, List<Problem> problems, List<String> notes) {
        Map<String, Object> datasets = new LinkedHashMap<>();
        Optional<Path> fashion = FashionMnist.installed();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("installed", fashion.isPresent());
        status.put("path", fashion.map(Path::toString).orElse(null));
        status.put("searched", FashionMnist.searchedFolders().stream().map(Path::toString).toList());
        status.put("bundled_subset", true);
        datasets.put(FASHION, status);
        String install = "install Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist), or put"
                + " the four IDX files in " + FashionMnist.cacheDir() + "; data.path: bundled needs neither";
        if (fashion.isEmpty()) {
            if (asked.contains(FASHION)) {
                problems.add(new Problem("dataset fashion-mnist is not installed (looked in "
                        + String.join(", ", FashionMnist.searchedFolders().stream().map(Path::toString).toList())
                        + ")", install));
            } else {
                notes.add("the full Fashion-MNIST is not installed (a study would download it); " + install);
            }
        }
        for (String name : asked) {
            if (name.equals(FASHION)) {
                continue;
            }
            Path path = Path.of(name);
            boolean exists = Files.exists(path);
            datasets.put(name, Map.of("installed", exists, "path", path.toAbsolutePath().toString()));
            if (!exists) {
                problems.add(new Problem("dataset " + name + " does not exist (" + path.toAbsolutePath() + ")",
                        "give the file or folder a study's data.path names, or fix the path"));
            }
        }
        return datasets;
    }
}
