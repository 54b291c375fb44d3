package org.dl4jtuner.models;

import org.dl4jtuner.datasets.DataSplitter;
import org.dl4jtuner.datasets.DatasetCache;
import org.dl4jtuner.datasets.FashionMnist;
import org.dl4jtuner.datasets.Splits;
import org.dl4jtuner.datasets.TrainTest;

/** One loaded copy of the bundled Fashion-MNIST subset for every test of this module. */
final class TestData {
    private TestData() {
    }

    static TrainTest fashion() {
        return DatasetCache.shared().get("test:fashion-bundled", FashionMnist::bundledSubset);
    }

    /** 1,000 training and 500 validation images, stratified. */
    static Splits small() {
        return DatasetCache.shared().get("test:fashion-small", () -> {
            Splits s = DataSplitter.split(fashion().train().subsetFraction(0.3, 1), 1.0 / 3, 0, 1);
            return new Splits(s.train(), s.validation(), fashion().test());
        });
    }
}
