package dev.opshape.shaping.metabias;

import dev.opshape.shaping.statistics.Interval;

import java.util.List;
import java.util.function.Function;

/**
 * The rows of a study, MDP-major then configuration, and their summaries over MDPs.
 *
 * @param config the study
 * @param rows   one per MDP and configuration
 */
public record MetaBiasResult(MetaBiasStudyConfig config, List<MetaBiasRow> rows) {

    /** Copies the list. */
    public MetaBiasResult {
        rows = List.copyOf(rows);
    }

    /**
     * A measure of one configuration summarised over the MDPs: the mean of the per-MDP estimates, with an interval
     * conditional on these MDPs ({@link Interval#meanOf}: it reflects the estimates' noise, not the spread of the
     * random MDP family; with one MDP, that MDP's estimate and interval).
     */
    public Interval summary(int configuration, Function<MetaBiasRow, Interval> measure) {
        return Interval.meanOf(rows.stream().filter(r -> r.configuration() == configuration).map(measure).toList());
    }
}
