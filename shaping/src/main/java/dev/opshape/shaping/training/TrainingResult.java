package dev.opshape.shaping.training;

import java.util.List;

/**
 * The runs of a training experiment and the summary of their final average rewards.
 *
 * @param config the configuration that produced it
 * @param runs   the runs, in run order
 */
public record TrainingResult(TrainingConfig config, List<RunResult> runs) {

    public TrainingResult {
        runs = List.copyOf(runs);
    }

    /** Mean over runs of the agent's (0 or 1) final average reward per move. */
    public double meanFinalReward(int agent) {
        double sum = 0;
        for (RunResult r : runs) {
            sum += r.outcome().avgReward(agent);
        }
        return sum / runs.size();
    }

    /** Sample standard deviation (n - 1) over runs of the agent's final average reward; 0 for a single run. */
    public double sdFinalReward(int agent) {
        if (runs.size() < 2) {
            return 0.0;
        }
        double mean = meanFinalReward(agent);
        double ss = 0;
        for (RunResult r : runs) {
            double d = r.outcome().avgReward(agent) - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (runs.size() - 1));
    }
}
