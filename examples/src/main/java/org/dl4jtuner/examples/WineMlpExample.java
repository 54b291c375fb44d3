package org.dl4jtuner.examples;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;


import org.dl4jtuner.dashboard.DashboardServer;
import org.dl4jtuner.dashboard.HtmlReport;
import org.dl4jtuner.dashboard.StudySnapshot;
import org.dl4jtuner.datasets.DataPreparation;
import org.dl4jtuner.datasets.DataSource;
import org.dl4jtuner.datasets.PreparedData;
import org.dl4jtuner.datasets.Task;
import org.dl4jtuner.models.EarlyStopping;
import org.dl4jtuner.models.Family;
import org.dl4jtuner.models.Metric;
import org.dl4jtuner.models.NetworkObjective;
import org.dl4jtuner.models.NetworkSpace;
import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.Study;
import org.dl4jtuner.tuner.importance.Importance;
import org.dl4jtuner.tuner.pruner.Pruners;
import org.dl4jtuner.tuner.sampler.Samplers;
import org.dl4jtuner.tuner.space.ParameterSpace;

/**
 * The API version of {@code examples/wine-mlp.yaml}: an MLP on a CSV file, features
 * standardised with the training split's statistics, TPE search, median pruning and early
 * stopping; then the parameters' importance and an HTML report. Run from the repository root (it
 * reads {@code examples/data/wine.csv}); with {@code --dashboard} the live dashboard serves the
 * study at http://127.0.0.1:8080/ while it runs, until Enter is pressed.
 */
public final class WineMlpExample {
    private WineMlpExample() {
    }

    public static void main(String[] args) throws Exception {
        // Raw CSV values; the NormalizerStandardize fitted on the training split is applied to every batch.
        PreparedData data = DataPreparation.prepare(DataSource.csv(Path.of("examples/data/wine.csv"), "cultivar",
                Task.CLASSIFICATION).withSplits(0.25, 0.2), false, 7);

        NetworkSpace space = NetworkSpace.builder(Family.MLP)
                .set("learning_rate", ParameterSpace.logUniform(3e-4, 3e-2))
                .fix("batch_size", 16)
                .set("layers", ParameterSpace.intRange(1, 3))
                .set("units", ParameterSpace.intLogRange(8, 64))
                .set("dropout", ParameterSpace.uniform(0.0, 0.4))
                .set("l2", ParameterSpace.logUniform(1e-5, 1e-2))
                .set("activation", ParameterSpace.choice("relu", "tanh", "elu"))
                .build();
        NetworkObjective objective = NetworkObjective.builder()
                .space(space)
                .data(data)
                .metric(Metric.ACCURACY)
                .maxEpochs(30)
                .earlyStopping(new EarlyStopping(8, 0.0))
                .build();

        Study study = Study.builder()
                .name("wine-mlp")
                .direction(Direction.MAXIMIZE)
                .sampler(Samplers.tpe(7))
                .pruner(Pruners.median(5, 5))
                .seed(7)
                .build();
        DashboardServer dashboard = List.of(args).contains("--dashboard")
                ? DashboardServer.start(study.storage(), study.name(), new InetSocketAddress("127.0.0.1", 8080)) : null;
        if (dashboard != null) {
            System.out.println("dashboard: " + dashboard.uri());
        }
        study.optimize(objective, 20);
        System.out.printf("best validation accuracy %.4f with %s%n", study.bestValue(), study.bestTrial().params());
        System.out.println("test metrics of the best network: " + objective.evaluateBest(data.test()));
        System.out.println("importance (fANOVA): " + Importance.fanova(study));
        Path report = Path.of("target", "wine-mlp-report.html");
        HtmlReport.write(StudySnapshot.of(study), report);
        System.out.println("report: " + report.toAbsolutePath());
        if (dashboard != null) {
            System.out.println("press Enter to stop the dashboard");
            System.in.read();
            dashboard.close();
        }
    }
}
