package org.dl4jtuner.benchmarks;

import java.util.Arrays;

/** Entry point: {@code benchmarks/run throughput [repetitions]}. */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: benchmarks/run throughput [repetitions]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "throughput" -> TrainingThroughput.main(rest);
            default -> {
                System.err.println("unknown benchmark '" + args[0] + "'; known: throughput");
                System.exit(2);
            }
        }
    }
}
