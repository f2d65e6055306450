package dev.opshape.shaping.training;

import dev.opshape.shaping.analysis.PolicyOutcome;

/**
 * One training run.
 *
 * @param run     run index r (the stream key of its initial logits and samples)
 * @param theta1  agent 1's final logits
 * @param theta2  agent 2's final logits
 * @param outcome the exact outcome of the final policies
 * @param curve   per-update measurements, or null when the run was made without recording them
 *                (see {@link Trainer#run(TrainingConfig, int, dev.opshape.shaping.ProgressListener, boolean)})
 * @param agreement per update, the sampled learners' agreement with their exact counterparts, or null when the run
 *                  was made without comparing
 * @param effectiveSampleSizes per update, the replaying learners' effective sample sizes, or null when neither agent
 *                  replays samples (or the run was made without recording its curve)
 */
public record RunResult(int run, double[] theta1, double[] theta2, PolicyOutcome outcome, TrainingCurve curve,
                        DirectionAgreement agreement, EffectiveSampleSizes effectiveSampleSizes) {

    /** A run without replay diagnostics. */
    public RunResult(int run, double[] theta1, double[] theta2, PolicyOutcome outcome, TrainingCurve curve,
                     DirectionAgreement agreement) {
        this(run, theta1, theta2, outcome, curve, agreement, null);
    }
}
