package org.dl4jtuner.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dl4jtuner.tuner.hyperband.Bracket;
import org.dl4jtuner.tuner.hyperband.Hyperband;
import org.dl4jtuner.tuner.hyperband.HyperbandPlan;
import org.dl4jtuner.tuner.hyperband.Rung;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dl4j-tuner plan}: prints Hyperband's bracket table before anything runs. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print the Hyperband bracket table (configurations n and resource r per rung) and the total resource.")
final class PlanCommand implements Callable<Integer> {

    @Option(names = "--max-resource", required = true, description = "Largest resource R per configuration (epochs).")
    int maxResource;

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
        HyperbandPlan plan = Hyperband.plan(minResource, maxResource, eta);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? toJson(plan) : toTable(plan));
        out.flush();
        return 0;
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
