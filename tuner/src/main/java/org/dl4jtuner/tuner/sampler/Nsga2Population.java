package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pareto.CrowdingDistance;
import org.dl4jtuner.tuner.pareto.Dominance;
import org.dl4jtuner.tuner.pareto.NonDominatedSorting;

/**
 * NSGA-II's parent population, rebuilt from the trials' recorded generations: generation 0, once
 * {@code size} trials marked 0 have finished, is those finished trials; each later generation g,
 * once it holds {@code size} finished trials, is merged with the elite of generation g - 1, and the
 * best {@code size} of the union are the next elite (a generation's trials that finish later, from
 * parallel workers, join it when they do). A finished trial is a COMPLETE or a PRUNED one: a pruned trial fills
 * its generation like a complete one (else a study whose pruner stops most trials would never
 * leave its random generation 0), while a failed trial does not, so a generation with failures
 * takes more trials.
 *
 * <p>The union is ranked in two tiers. The complete trials come first, by constrained
 * non-dominated front, then by crowding distance within a front, then by trial number. The pruned
 * trials come after every complete one (their values are a partly trained network's), ordered by
 * how far they got (the last reported step, later first), then by the constrained non-dominated
 * front and crowding distance of their last reported values among the trials pruned at the same
 * step; each of these groups is one more front, so a pruned trial loses every tournament against a
 * complete one and is a parent only where the elite holds fewer complete trials than {@code size}.
 *
 * @param generation the last filled generation, -1 while generation 0 is filling up
 * @param members    its elite, best first, with each member's front and crowding distance
 */
record Nsga2Population(int generation, List<Member> members) {

    /** One elite trial: its front (0 is the best; pruned trials' fronts follow the complete ones') and crowding distance. */
    record Member(FrozenTrial trial, int front, double crowding) {
        /** NSGA-II's crowded comparison: the lower front, then the larger crowding distance. */
        boolean beats(Member other) {
            return front < other.front || (front == other.front && crowding > other.crowding);
        }
    }

    /** The parent population of {@code trials} (every trial of the study, any state). */
    static Nsga2Population of(List<FrozenTrial> trials, List<Direction> directions, int size, String generationAttr) {
        Map<Integer, List<FrozenTrial>> byGeneration = new TreeMap<>();
        for (FrozenTrial t : trials) {
            if (fillsGeneration(t) && t.systemAttrs().get(generationAttr) instanceof Number g) {
                byGeneration.computeIfAbsent(g.intValue(), k -> new ArrayList<>()).add(t);
            }
        }
        List<Member> elite = List.of();
        int generation = -1;
        while (byGeneration.getOrDefault(generation + 1, List.of()).size() >= size) {
            generation++;
            List<FrozenTrial> union = new ArrayList<>(byGeneration.get(generation));
            for (Member m : elite) {
                union.add(m.trial());
            }
            elite = select(union, directions, size);
        }
        return new Nsga2Population(generation, elite);
    }

    /** A complete trial with values, or a pruned one: the trials that fill a generation. */
    static boolean fillsGeneration(FrozenTrial t) {
        return (t.state() == TrialState.COMPLETE && t.values() != null) || t.state() == TrialState.PRUNED;
    }

    /** The best {@code size} of {@code union}, best first: complete trials, then pruned ones. */
    static List<Member> select(List<FrozenTrial> union, List<Direction> directions, int size) {
        union.sort(Comparator.comparingInt(FrozenTrial::number));
        List<FrozenTrial> complete = new ArrayList<>();
        TreeMap<Integer, List<FrozenTrial>> prunedByStep = new TreeMap<>(Comparator.reverseOrder());
        for (FrozenTrial t : union) {
            if (t.state() == TrialState.PRUNED) {
                prunedByStep.computeIfAbsent(t.lastStep(), k -> new ArrayList<>()).add(t);
            } else {
                complete.add(t);
            }
        }
        List<Member> elite = new ArrayList<>();
        int front = addFronts(elite, complete, t -> Dominance.losses(t, directions), 0, size);
        for (List<FrozenTrial> pruned : prunedByStep.values()) {
            front = addFronts(elite, pruned, t -> lastLosses(t, directions), front, size);
        }
        return elite;
    }

    /**
     * Adds {@code trials} (in number order) to {@code elite} front by front, numbered from
     * {@code firstFront}, until it holds {@code size}; returns the number of the next front.
     */
    private static int addFronts(List<Member> elite, List<FrozenTrial> trials,
            Function<FrozenTrial, double[]> lossesOf, int firstFront, int size) {
        List<double[]> losses = new ArrayList<>();
        double[] violations = new double[trials.size()];
        for (int i = 0; i < trials.size(); i++) {
            losses.add(lossesOf.apply(trials.get(i)));
            violations[i] = Dominance.violation(trials.get(i).constraints());
        }
        List<List<Integer>> fronts = NonDominatedSorting.fronts(losses, violations);
        int f = firstFront;
        for (List<Integer> indices : fronts) {
            if (elite.size() >= size) {
                break;
            }
            List<double[]> points = new ArrayList<>();
            for (int i : indices) {
                points.add(losses.get(i));
            }
            double[] crowding = CrowdingDistance.of(points);
            List<Member> members = new ArrayList<>();
            for (int k = 0; k < indices.size(); k++) {
                members.add(new Member(trials.get(indices.get(k)), f, crowding[k]));
            }
            members.sort(Comparator.comparingDouble((Member m) -> -m.crowding())
                    .thenComparingInt(m -> m.trial().number()));
            elite.addAll(members.subList(0, Math.min(members.size(), size - elite.size())));
            f++;
        }
        return f;
    }

    /**
     * A pruned trial's last reported values as losses (its stored values where it reported none);
     * +infinity in every objective where it has neither, so it sorts last.
     */
    private static double[] lastLosses(FrozenTrial t, List<Direction> directions) {
        Map.Entry<Integer, double[]> last = t.stepValues().lastEntry();
        double[] values = last != null ? last.getValue() : t.values();
        double[] losses = new double[directions.size()];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = values != null && values.length == losses.length ? directions.get(i).toLoss(values[i])
                    : Double.POSITIVE_INFINITY;
        }
        return losses;
    }
}
