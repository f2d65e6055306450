package dev.opshape.shaping.tournament;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * What a tournament found. Per-run outcomes are not kept (they were streamed to the listener); everything here is
 * aggregated in streaming order, so it is identical for any number of threads.
 *
 * @param config    the configuration that produced it
 * @param standings one line per entrant, in rank order (best first)
 * @param payoffs   the payoff matrix, rows and columns in roster order
 * @param pairings  one summary per pairing, in pairing order
 * @param analysis  Axelrod's result-set analyses, computed exactly
 */
public record TournamentResult(TournamentConfig config, List<Standing> standings, PayoffMatrix payoffs,
                               List<PairingOutcome> pairings, TournamentAnalysis analysis) {

    /** Copies the lists. */
    public TournamentResult {
        standings = List.copyOf(standings);
        pairings = List.copyOf(pairings);
    }

    /** The standings ranked another way (the record's own are {@link Ranking#DEFAULT}'s). */
    public List<Standing> standings(Ranking ranking) {
        return ranking.equals(Ranking.DEFAULT) ? standings : ranking.apply(analysis, standings);
    }

    /** The standing of the entrant with the given display name. */
    public Standing standing(String name) {
        return standings.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no agent '" + name + "' in this tournament"));
    }
}
