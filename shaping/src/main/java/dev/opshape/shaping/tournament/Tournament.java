package dev.opshape.shaping.tournament;

import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.parallel.WorkerPool;
import dev.opshape.shaping.training.RunResult;
import dev.opshape.shaping.training.Trainer;
import dev.opshape.shaping.training.TrainingDivergedException;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Plays a tournament (semantics in the package documentation): every pairing, R repetitions each, on a fixed pool
 * of worker threads.
 *
 * <p>Runs are submitted in streaming order ({@link RunOutcome#sequence()}) and collected in that same order: a run
 * that finishes early waits in its {@link Future} until every run before it has been passed on. So the listener sees
 * runs in a fixed order, aggregation is deterministic, and at most a bounded window of runs is in flight or
 * buffered at any time, however long the tournament.
 */
public final class Tournament {

    /** Runs in flight or buffered per worker: enough to keep workers busy behind one slow run (LOLA with large K). */
    private static final int WINDOW_PER_THREAD = 32;

    /** Stands in the queue for a later repetition of a fixed pairing (ArrayDeque holds no nulls). */
    private static final Future<RunOutcome> REPEAT = CompletableFuture.completedFuture(null);

    private Tournament() {
    }

    /** Plays the tournament without streaming or progress. */
    public static TournamentResult run(TournamentConfig config) {
        return run(config, TournamentListener.NONE, ProgressListener.NONE);
    }

    /**
     * Plays the tournament.
     *
     * @param listener told every run, in streaming order, on the calling thread
     * @param progress told one unit per update of each run ({@link TournamentConfig#totalUpdates()} in all), from
     *                 the worker threads
     * @throws TrainingDivergedException if a run diverges: the message names the pairing and repetition; the runs
     *                                   before it in streaming order have been passed to the listener, the
     *                                   remaining ones are cancelled
     */
    public static TournamentResult run(TournamentConfig config, TournamentListener listener,
                                       ProgressListener progress) {
        return run(config, listener, progress, false);
    }

    /**
     * Plays the tournament, optionally recording every run's learning curve (the exact outcome after every update,
     * in {@link RunOutcome#curve()}: one more exact evaluation per update).
     */
    public static TournamentResult run(TournamentConfig config, TournamentListener listener,
                                       ProgressListener progress, boolean curves) {
        List<Pairing> pairings = config.pairings();
        int total = config.runs();
        int window = WINDOW_PER_THREAD * config.threads();
        TournamentTally tally = new TournamentTally(config);
        // A pairing of two fixed strategies has nothing random in it: its first repetition is played, the others
        // are that outcome again (not recomputed), so they enter every statistic with zero spread.
        boolean[] fixed = new boolean[pairings.size()];
        for (Pairing p : pairings) {
            fixed[p.index()] = !config.roster().get(p.player1()).rule().learns()
                    && !config.roster().get(p.player2()).rule().learns();
        }
        RunOutcome[] first = new RunOutcome[pairings.size()];
        // Closing the pool interrupts running workers after a failure; they stop at their next update (see playRun).
        try (WorkerPool pool = WorkerPool.start(config.threads(), "tournament")) {
            ArrayDeque<Future<RunOutcome>> inFlight = new ArrayDeque<>();
            int next = 0;
            while (next < total && inFlight.size() < window) {
                inFlight.add(submit(pool, config, pairings, fixed, next++, progress, curves));
            }
            int sequence = 0;
            while (!inFlight.isEmpty()) {
                Future<RunOutcome> future = inFlight.poll();
                RunOutcome run = future != REPEAT ? WorkerPool.await(future)
                        : repeat(config, first, pairings.get(sequence % pairings.size()), sequence, progress);
                if (next < total) {
                    inFlight.add(submit(pool, config, pairings, fixed, next++, progress, curves));
                }
                if (fixed[run.pairing().index()] && run.repetition() == 0) {
                    first[run.pairing().index()] = run;
                }
                tally.add(run);
                listener.runFinished(run);
                sequence++;
            }
        }
        return tally.result();
    }

    /**
     * Plays shard {@code index} of {@code count} (0-based) of the tournament: the runs whose streaming position s
     * has s mod count = index, passed to the listener in streaming order; nothing is tallied (a merge of every
     * shard's runs, in order, gives the whole tournament: {@link #replay}). Random streams are keyed by the run,
     * so a run's outcome is the same in any shard. A fixed pairing is played in every repetition here (its first
     * repetition may be in another shard), with the same outcome bit for bit.
     */
    public static void playShard(TournamentConfig config, int index, int count, TournamentListener listener,
                                 ProgressListener progress, boolean curves) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + (index + 1) + " of " + count + " does not exist");
        }
        List<Pairing> pairings = config.pairings();
        int total = config.runs();
        int window = WINDOW_PER_THREAD * config.threads();
        boolean[] none = new boolean[pairings.size()];
        try (WorkerPool pool = WorkerPool.start(config.threads(), "tournament")) {
            ArrayDeque<Future<RunOutcome>> inFlight = new ArrayDeque<>();
            int next = index;
            while (next < total && inFlight.size() < window) {
                inFlight.add(submit(pool, config, pairings, none, next, progress, curves));
                next += count;
            }
            while (!inFlight.isEmpty()) {
                RunOutcome run = WorkerPool.await(inFlight.poll());
                if (next < total) {
                    inFlight.add(submit(pool, config, pairings, none, next, progress, curves));
                    next += count;
                }
                listener.runFinished(run);
            }
        }
    }

    /**
     * The result of a tournament from every one of its runs, already played (for example by shards), given in
     * streaming order; each is also passed to the listener, as {@link #run} does.
     *
     * @throws IllegalStateException if a run is missing, repeated or out of order
     */
    public static TournamentResult replay(TournamentConfig config, List<RunOutcome> runs,
                                          TournamentListener listener) {
        TournamentTally tally = new TournamentTally(config);
        for (RunOutcome run : runs) {
            tally.add(run);
            listener.runFinished(run);
        }
        return tally.result();
    }

    /** The submitted run, or {@link #REPEAT} for a later repetition of a fixed pairing (made on collection). */
    private static Future<RunOutcome> submit(WorkerPool pool, TournamentConfig config, List<Pairing> pairings,
                                             boolean[] fixed, int sequence, ProgressListener progress,
                                             boolean curves) {
        Pairing pairing = pairings.get(sequence % pairings.size());
        int repetition = sequence / pairings.size();
        if (fixed[pairing.index()] && repetition > 0) {
            return REPEAT;
        }
        return pool.submit(() -> playRun(config, pairing, repetition, sequence, progress, curves));
    }

    /** A later repetition of a fixed pairing: its first repetition's outcome under this run's sequence and index. */
    private static RunOutcome repeat(TournamentConfig config, RunOutcome[] first, Pairing pairing, int sequence,
                                     ProgressListener progress) {
        RunOutcome played = first[pairing.index()];
        int repetition = sequence / config.pairingCount();
        progress.advanced(config.steps());
        return new RunOutcome(sequence, pairing, repetition, config.runIndex(pairing, repetition), played.theta1(),
                played.theta2(), played.outcome(), played.curve());
    }

    /** Repetition r of the pairing, on the calling (worker) thread. */
    static RunOutcome playRun(TournamentConfig config, Pairing pairing, int repetition, int sequence,
                              ProgressListener progress, boolean curves) {
        int run = config.runIndex(pairing, repetition);
        // Trainer.run reports after every update: the natural place to notice that the tournament was stopped.
        ProgressListener stoppable = units -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("tournament stopped");
            }
            progress.advanced(units);
        };
        RunResult result;
        try {
            result = Trainer.run(config.trainingConfig(pairing, repetition), run, stoppable, curves);
        } catch (TrainingDivergedException e) {
            throw new TrainingDivergedException("tournament stopped: pairing " + pairing.index() + " ("
                    + pairing.name1() + " as player 1 vs " + pairing.name2() + " as player 2), repetition "
                    + repetition + ": " + e.getMessage());
        }
        return new RunOutcome(sequence, pairing, repetition, run, result.theta1(), result.theta2(),
                result.outcome(), result.curve());
    }
}
