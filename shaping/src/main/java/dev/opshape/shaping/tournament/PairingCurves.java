package dev.opshape.shaping.tournament;

import dev.opshape.shaping.training.TrainingCurve;

/**
 * The mean learning curve of every pairing and role over repetitions: the exact average reward per move after each
 * update, averaged over the repetitions of the pairing, for the tournament's learning-curve plots. A
 * {@link TournamentListener} of a tournament played with curves ({@link Tournament#run(TournamentConfig,
 * TournamentListener, dev.opshape.shaping.ProgressListener, boolean)}). Memory: pairings x 2 x (updates + 1).
 */
public final class PairingCurves implements TournamentListener {

    private final TournamentConfig config;
    private final double[][][] sum;
    private final int[] count;

    /** Curves for the tournament's pairings. */
    public PairingCurves(TournamentConfig config) {
        this.config = config;
        this.sum = new double[config.pairingCount()][2][config.steps() + 1];
        this.count = new int[config.pairingCount()];
    }

    @Override
    public void runFinished(RunOutcome run) {
        TrainingCurve curve = run.curve();
        if (curve == null) {
            throw new IllegalStateException("run " + run.sequence() + " has no curve: play the tournament with "
                    + "curves");
        }
        int p = run.pairing().index();
        for (int role = 0; role < 2; role++) {
            for (int u = 0; u <= config.steps(); u++) {
                sum[p][role][u] += curve.avgReward(role, u);
            }
        }
        count[p]++;
    }

    /** The mean over repetitions of the role's (0: player 1, 1: player 2) reward per move after each update. */
    public double[] mean(Pairing pairing, int role) {
        double[] out = new double[config.steps() + 1];
        int p = pairing.index();
        for (int u = 0; u < out.length; u++) {
            out[u] = sum[p][role][u] / count[p];
        }
        return out;
    }
}
