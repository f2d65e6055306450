package dev.opshape.shaping.tournament;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.learner.StreamIndex;
import dev.opshape.shaping.training.Initialisation;
import dev.opshape.shaping.training.Optimizer;
import dev.opshape.shaping.training.TrainingConfig;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Everything that determines a tournament. Immutable; validated on construction, so that a bad configuration fails
 * before any run starts.
 *
 * <p>The game's discount gamma is the continuation probability (see the package documentation); its horizon, if
 * finite, caps the number of moves. <b>Trembling-hand noise</b> is part of the game ({@link IteratedGame#noise()}:
 * each intended action replaced by another with probability epsilon, see IteratedGame), because both the exact
 * evaluation of outcomes and the learners' gradients must see it: exact learners, whose gradients come from the
 * exact evaluator of the game, learn in the noisy game, sampled learners estimate its gradients from trajectories
 * of the noisy game (scoring the intended actions, see {@code SampledEstimator}), and outcomes are its exact
 * payoffs.
 *
 * @param roster      the entrants, in roster order (at least one; unique display names)
 * @param game        the iterated game
 * @param steps       updates N per run, 0 .. 2^24 (the update field of {@link StreamIndex})
 * @param repetitions repetitions R &gt;= 1 of every pairing
 * @param seed        master seed of initial logits and of the learners' random streams
 * @param optimizer   the optimiser every learner uses
 * @param lr          its learning rate (&gt; 0)
 * @param init        initial logits of learners; repetition r draws them keyed by (seed, run r)
 * @param threads     worker threads (&gt;= 1); results do not depend on it
 */
public record TournamentConfig(List<Entrant> roster, IteratedGame game, int steps, int repetitions, long seed,
                               Optimizer.Kind optimizer, double lr, Initialisation init, int threads) {

    /** The LOLA paper's exact experiments (Foerster et al. 2018): 200 updates. */
    public static final int DEFAULT_STEPS = TrainingConfig.DEFAULT_STEPS;
    /** The LOLA paper's exact experiments: gradient ascent with learning rate 1. */
    public static final double DEFAULT_LR = TrainingConfig.DEFAULT_LR;
    /** Repetitions of every pairing by default: enough for a t interval, few enough for a quick look. */
    public static final int DEFAULT_REPETITIONS = 5;
    /** The LOLA paper's exact experiments: logits drawn from N(0, 1). */
    public static final Initialisation DEFAULT_INIT = new Initialisation.Normal(1.0);

    /** Runs per tournament that the random-stream layout can key: the 22-bit run field of {@link StreamIndex}. */
    public static final int MAX_RUNS = StreamIndex.MAX_RUN + 1;
    /** Updates per run that the random-stream layout can key: the 24-bit update field of {@link StreamIndex}. */
    public static final int MAX_STEPS = 1 << 24;

    /**
     * Validates the configuration.
     *
     * @throws IllegalArgumentException naming the bad value and what is allowed: an empty roster, a duplicate
     *                                  agent, an agent that cannot play the game (such as a fixed strategy that
     *                                  needs a 2 x 2 dilemma), steps, repetitions, lr or threads out of range, or
     *                                  more runs than the random streams can key
     */
    public TournamentConfig {
        Objects.requireNonNull(roster, "roster");
        Objects.requireNonNull(game, "game");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(init, "init");
        roster = List.copyOf(roster);
        if (roster.isEmpty()) {
            throw new IllegalArgumentException("the roster is empty; a tournament needs at least one agent");
        }
        Set<String> names = new HashSet<>();
        for (Entrant e : roster) {
            // Names are compared without case: 'TFT' and 'tft' are one agent to a reader of the tables.
            if (!names.add(e.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("agent '" + e.name() + "' is on the roster twice (names are "
                        + "compared without case); every agent needs a distinct name (a self-play pairing is "
                        + "included automatically)");
            }
        }
        if (steps < 0 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps = " + steps + "; the number of updates must be in [0, "
                    + MAX_STEPS + "]");
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions = " + repetitions + "; must be >= 1");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr = " + lr + "; the learning rate must be a positive number");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + "; must be >= 1");
        }
        boolean symmetric = game.game().isSymmetric();
        long pairings = Pairing.count(roster.size(), symmetric);
        long runs = pairings * repetitions;
        if (runs > MAX_RUNS) {
            // Each (pairing, repetition) needs its own run index for its learners' random streams.
            throw new IllegalArgumentException(roster.size() + " agents in " + (symmetric ? "a symmetric" : "an "
                    + "asymmetric") + " game play " + pairings + " pairings; " + pairings + " x " + repetitions
                    + " repetitions = " + runs + " runs, more than the " + MAX_RUNS + " that the random-stream "
                    + "layout can key (22-bit run index); "
                    + (MAX_RUNS / pairings >= 1 ? "use at most " + MAX_RUNS / pairings + " repetitions or fewer "
                    + "agents" : "use fewer agents"));
        }
        for (Entrant e : roster) {
            checkFits(e, game);
        }
    }

    /**
     * An entrant plays player 1 or player 2 or both; make each role's learner now so that, for example, a fixed
     * strategy that needs a 2 x 2 dilemma fails before any run rather than in the middle of the tournament.
     */
    private static void checkFits(Entrant e, IteratedGame game) {
        for (int role = 0; role < 2; role++) {
            try {
                e.rule().newLearner(game, role);
                e.rule().fixedLogits(game, role);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("agent '" + e.name() + "' cannot play game '"
                        + game.game().name() + "': " + ex.getMessage(), ex);
            }
        }
    }

    /** True when the stage game is symmetric, so that each unordered pair is played once. */
    public boolean symmetric() {
        return game.game().isSymmetric();
    }

    /** The display names of the roster, in roster order. */
    public List<String> names() {
        return roster.stream().map(Entrant::name).toList();
    }

    /** The pairings, in the order of {@link Pairing#roundRobin}. */
    public List<Pairing> pairings() {
        return Pairing.roundRobin(names(), symmetric());
    }

    /** Number of pairings: n (n + 1) / 2 in a symmetric game, n^2 otherwise. */
    public int pairingCount() {
        return (int) Pairing.count(roster.size(), symmetric());
    }

    /** Number of runs: pairings x repetitions. */
    public int runs() {
        return pairingCount() * repetitions;
    }

    /** The total progress of a tournament: one unit per update of each run, runs x steps. */
    public long totalUpdates() {
        return (long) runs() * steps;
    }

    /**
     * The run index that keys the learners' random streams in repetition r of the pairing:
     * pairing * R + r, distinct for every (pairing, repetition).
     */
    public int runIndex(Pairing pairing, int repetition) {
        checkRepetition(repetition);
        return pairing.index() * repetitions + repetition;
    }

    /**
     * The training experiment of repetition r of the pairing: both players start from the logits of repetition r
     * (fixed strategies from their own), whatever the pairing. Replaying it with
     * {@code Trainer.run(trainingConfig(p, r), runIndex(p, r), progress)} reproduces the tournament's run, with
     * its per-update curve.
     */
    public TrainingConfig trainingConfig(Pairing pairing, int repetition) {
        checkRepetition(repetition);
        double[] start1 = init.draw(game, 0, seed, repetition);
        double[] start2 = init.draw(game, 1, seed, repetition);
        return new TrainingConfig(game, roster.get(pairing.player1()).rule(), roster.get(pairing.player2()).rule(),
                steps, lr, optimizer, init, start1, start2, runs(), seed);
    }

    private void checkRepetition(int repetition) {
        if (repetition < 0 || repetition >= repetitions) {
            throw new IllegalArgumentException("repetition = " + repetition + "; must be in [0, " + repetitions
                    + ")");
        }
    }
}
