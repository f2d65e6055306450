package dev.opshape.shaping.learner;

import dev.opshape.shaping.analysis.OutcomeLabel;
import dev.opshape.shaping.training.RunResult;
import dev.opshape.shaping.training.TrainingResult;

/** Small queries over training results shared by tests. */
public final class RunAssertions {

    private RunAssertions() {
    }

    /** Number of runs whose final outcome has the label. */
    public static long count(TrainingResult result, OutcomeLabel label) {
        return result.runs().stream().map(RunResult::outcome).filter(o -> o.label() == label).count();
    }
}
