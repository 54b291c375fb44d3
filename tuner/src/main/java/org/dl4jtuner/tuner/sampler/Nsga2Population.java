package org.dl4jtuner.tuner.sampler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.pareto.CrowdingDistance;
import org.dl4jtuner.tuner.pareto.Dominance;
import org.dl4jtuner.tuner.pareto.NonDominatedSorting;

/**
 * NSGA-II's parent population, rebuilt from the trials' recorded generations: generation 0 is the
 * first {@code size} complete trials marked 0; each later generation g, once it holds {@code size}
 * complete trials, is merged with the elite of generation g - 1, and the best {@code size} of the
 * union (by constrained non-dominated front, then by crowding distance within the last front that
 * fits, then by trial number) are the next elite. Only COMPLETE trials count; a generation whose
 * trials fail or are pruned takes more trials until enough complete.
 *
 * @param generation the last complete generation, -1 while generation 0 is filling up
 * @param members    its elite, best first, with each member's front and crowding distance
 */
record Nsga2Population(int generation, List<Member> members) {

    /** One elite trial: its front (0 is the best) and crowding distance within its front. */
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
            if (t.state() == TrialState.COMPLETE && t.values() != null
                    && t.systemAttrs().get(generationAttr) instanceof Number g) {
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

    /** The best {@code size} of {@code union}, best first. */
    static List<Member> select(List<FrozenTrial> union, List<Direction> directions, int size) {
        union.sort(Comparator.comparingInt(FrozenTrial::number));
        List<double[]> losses = new ArrayList<>();
        double[] violations = new double[union.size()];
        for (int i = 0; i < union.size(); i++) {
            losses.add(Dominance.losses(union.get(i), directions));
            violations[i] = Dominance.violation(union.get(i).constraints());
        }
        List<Member> elite = new ArrayList<>();
        List<List<Integer>> fronts = NonDominatedSorting.fronts(losses, violations);
        for (int f = 0; f < fronts.size() && elite.size() < size; f++) {
            List<Integer> front = fronts.get(f);
            List<double[]> points = new ArrayList<>();
            for (int i : front) {
                points.add(losses.get(i));
            }
            double[] crowding = CrowdingDistance.of(points);
            List<Member> members = new ArrayList<>();
            for (int k = 0; k < front.size(); k++) {
                members.add(new Member(union.get(front.get(k)), f, crowding[k]));
            }
            members.sort(Comparator.comparingDouble((Member m) -> -m.crowding())
                    .thenComparingInt(m -> m.trial().number()));
            elite.addAll(members.subList(0, Math.min(members.size(), size - elite.size())));
        }
        return elite;
    }
}
