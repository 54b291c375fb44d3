package org.dl4jtuner.cli.run;

import java.util.LinkedHashMap;
import java.util.Map;

import org.dl4jtuner.datasets.DataSource;
import org.dl4jtuner.datasets.LabeledData;
import org.dl4jtuner.datasets.PreparedData;
import org.dl4jtuner.datasets.Task;

/**
 * A study's data set meta-features, recorded as the study attribute {@value #ATTR} so that related
 * studies (to warm-start from) can be found: the data's type, task, examples (training, validation
 * and test), classes and input shape. {@code dl4j-tuner studies} shows them.
 */
public final class DatasetFeatures {
    /** The study attribute holding them. */
    public static final String ATTR = "dataset";

    private DatasetFeatures() {
    }

    static Map<String, Object> of(DataSource source, PreparedData data) {
        LabeledData train = data.firstFold().train();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", source.type());
        m.put("task", source.task() == Task.REGRESSION ? "regression" : "classification");
        m.put("examples", train.size() + data.firstFold().validation().size() + (data.test() == null ? 0 : data.test().size()));
        m.put("training_examples", train.size());
        if (source.task() != Task.REGRESSION) {
            m.put("classes", train.numClasses());
        }
        m.put("input_shape", java.util.Arrays.stream(train.featureShape()).boxed().toList());
        int inputs = 1;
        for (int d : train.featureShape()) {
            inputs *= d;
        }
        m.put("inputs", inputs);
        return m;
    }

    /**
     * The line a resumed run prints when its data's features differ from what the study recorded
     * before (type, task, example counts, classes or input shape: another {@code data.subset} or
     * split sizes, say), or null when they match or nothing was recorded: the values of trials
     * trained on different data are not comparable, and the search space check does not look at
     * the data. Another file or split of the same sizes is not noticed; the features hold no hash
     * of the contents.
     */
    static String change(Object recorded, Map<String, Object> now) {
        if (!(recorded instanceof Map<?, ?> before)) {
            return null;
        }
        String was = describe(before) + ", " + before.get("training_examples") + " for training";
        String is = describe(now) + ", " + now.get("training_examples") + " for training";
        if (was.equals(is)) {
            return null;
        }
        return "note: the data differ from the study's earlier runs (was " + was + "; now " + is + "), so earlier"
                + " and new trials are not comparable; give the study another name (--study NAME) to keep them apart";
    }

    /** "fashion-mnist, 600 examples, 10 classes, 1x28x28 inputs" from a recorded attribute, or null. */
    public static String describe(Object recorded) {
        if (!(recorded instanceof Map<?, ?> m)) {
            return null;
        }
        StringBuilder b = new StringBuilder(String.valueOf(m.get("type")));
        b.append(", ").append(m.get("examples")).append(" examples");
        if (m.get("classes") != null) {
            b.append(", ").append(m.get("classes")).append(" classes");
        }
        if (m.get("input_shape") instanceof java.util.List<?> shape) {
            b.append(", ").append(String.join("x", shape.stream().map(String::valueOf).toList())).append(" inputs");
        }
        return b.toString();
    }
}
