package org.dl4jtuner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.cli.run.Strategies;
import org.dl4jtuner.cli.spec.StudySpec;
import org.dl4jtuner.cli.spec.StudySpecParser;
import org.dl4jtuner.tuner.hyperband.Bracket;
import org.dl4jtuner.tuner.hyperband.Hyperband;
import org.dl4jtuner.tuner.hyperband.HyperbandPlan;
import org.dl4jtuner.tuner.hyperband.Rung;
import org.dl4jtuner.tuner.hyperband.SynchronousHyperband;
import org.dl4jtuner.tuner.pruner.EpochPlan;
import org.dl4jtuner.tuner.pruner.Pruner;
import org.dl4jtuner.tuner.schedule.PromotionAsha;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dl4j-tuner plan}: before anything runs, the epochs a study spec's pruner will spend
 * ({@code plan STUDY.yaml}), or Hyperband's bracket table ({@code plan --max-resource R}).
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print the epochs a study spec's trials will train under its pruner (plan STUDY.yaml), or the"
                + " Hyperband bracket table (configurations n and resource r per rung) and the total resource.")
final class PlanCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "STUDY.yaml", description = "A study spec: plan its pruner.")
    Path specFile;

    @Option(names = "--max-resource", description = "Largest resource R per configuration (epochs).")
    Integer maxResource;

    @Option(names = "--min-resource", defaultValue = "1", description = "Smallest resource (default: ${DEFAULT-VALUE}).")
    int minResource;

    @Option(names = "--eta", defaultValue = "3", description = "Reduction factor, at least 2 (default: ${DEFAULT-VALUE}).")
    int eta;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        if (specFile != null) {
            StudySpec study = StudySpecParser.parse(specFile);
            Pruner pruner = Strategies.pruner(study.pruner());
            EpochPlan epochs = pruner.plan(study.study().trials(), study.pruner().maxEpochs());
            String text = pruner instanceof SynchronousHyperband ? String.format(Locale.ROOT, "pruner %s, %d trials of"
                    + " up to %d epochs: %,d epochs on a fixed schedule", study.pruner().type(), study.study().trials(),
                    study.pruner().maxEpochs(), epochs.most()) : describe(study, epochs);
            out.println(json ? toJson(study, epochs) : text + schedule(pruner, study));
            out.flush();
            return 0;
        }
        if (maxResource == null) {
            throw new UserError("plan: give a study spec (plan STUDY.yaml) or --max-resource R for a Hyperband table");
        }
        HyperbandPlan plan = Hyperband.plan(minResource, maxResource, eta);
        out.println(json ? toJson(plan) : toTable(plan));
        out.flush();
        return 0;
    }

    /** "pruner hyperband, 24 trials of up to 9 epochs: about 103 epochs ..., at least 24, at most 216". */
    static String describe(StudySpec study, EpochPlan epochs) {
        String head = String.format(Locale.ROOT, "pruner %s, %d trials of up to %d epochs: ", study.pruner().type(),
                study.study().trials(), study.pruner().maxEpochs());
        if (epochs.fewest() == epochs.most()) {
            return head + String.format(Locale.ROOT, "%,d epochs (no trial stops early)", epochs.most());
        }
        return head + (epochs.expected() == null ? "" : String.format(Locale.ROOT, "about %,d epochs when each rung"
                + " passes 1/eta of its trials on; ", epochs.expected())) + String.format(Locale.ROOT, "at least %,d, at"
                + " most %,d (no trial pruned)%s", epochs.fewest(), epochs.most(), epochs.expected() == null
                        ? "; where in between depends on the values the trials report" : "");
    }

    /** For a scheduler, how it spends the epochs: promotions from checkpoints, or whole brackets. */
    static String schedule(Pruner pruner, StudySpec study) {
        if (pruner instanceof SynchronousHyperband hyperband) {
            return String.format(Locale.ROOT, "%nsynchronous Hyperband: whole brackets while study.trials holds them"
                    + " (%d configurations per iteration, %d iteration%s), promoted configurations continuing from"
                    + " their checkpoints; bracket table: plan --max-resource %d --min-resource %d --eta %d",
                    hyperband.plan().totalConfigurations(), hyperband.iterations(), hyperband.iterations() == 1 ? "" : "s",
                    hyperband.plan().maxResource(), hyperband.plan().minResource(), hyperband.plan().eta());
        }
        if (pruner instanceof PromotionAsha asha) {
            return String.format(Locale.ROOT, "%npromotion ASHA: rungs at %s epochs; trials pause at each rung and"
                    + " the top 1/%d resume from their checkpoints", asha.rungResources(), asha.eta());
        }
        return "";
    }

    static String toJson(StudySpec study, EpochPlan epochs) throws JsonProcessingException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("pruner", study.pruner().type());
        root.put("trials", study.study().trials());
        root.put("max_epochs", study.pruner().maxEpochs());
        root.put("fewest_epochs", epochs.fewest());
        root.put("expected_epochs", epochs.expected());
        root.put("most_epochs", epochs.most());
        return new ObjectMapper().writeValueAsString(root);
    }

    static String toJson(HyperbandPlan plan) throws JsonProcessingException {
        List<Map<String, Object>> brackets = new ArrayList<>();
        for (Bracket bracket : plan.brackets()) {
            List<Map<String, Object>> rungs = new ArrayList<>();
            for (Rung rung : bracket.rungs()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("n", rung.n());
                r.put("r", rung.r());
                rungs.add(r);
            }
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("s", bracket.s());
            b.put("rungs", rungs);
            brackets.add(b);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("brackets", brackets);
        root.put("total_resource", plan.totalResource());
        return new ObjectMapper().writeValueAsString(root);
    }

    static String toTable(HyperbandPlan plan) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Hyperband plan: resource %d..%d, eta %d, %d brackets, %d configurations per iteration%n",
                plan.minResource(), plan.maxResource(), plan.eta(), plan.brackets().size(), plan.totalConfigurations()));
        for (Bracket bracket : plan.brackets()) {
            sb.append(String.format("%n  bracket s=%d%n    rung  configurations  resource%n", bracket.s()));
            for (int i = 0; i < bracket.rungs().size(); i++) {
                Rung rung = bracket.rungs().get(i);
                sb.append(String.format("    %4d  %14d  %8d%n", i, rung.n(), rung.r()));
            }
            sb.append(String.format("    resource spent: %d%n", bracket.resource()));
        }
        sb.append(String.format("%nTotal resource per iteration: %d (promoted configurations continue; %d if every rung"
                + " retrained from scratch)", plan.totalResource(), plan.totalResourceWithoutContinuation()));
        return sb.toString();
    }
}
