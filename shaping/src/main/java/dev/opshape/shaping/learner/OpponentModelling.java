package dev.opshape.shaping.learner;

import dev.opshape.games.IteratedGame;
import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.policy.ParameterLayout;
import dev.opshape.tabular.sample.TrajectoryBatch;
import dev.opshape.tabular.sample.TrajectorySampler;

import java.util.Arrays;

/**
 * Opponent modelling (Foerster et al. 2018, "Learning with Opponent-Learning Awareness", AAMAS, section 3.3): the
 * agent does not read its opponent's logits. At every update it plays {@code batch} episodes of {@code horizon}
 * moves against the opponent (from the true joint point: what it would observe), counts the opponent's actions in
 * each of the opponent's own-view states, and models the opponent's policy with Laplace-smoothed frequencies,
 * (count(a | o) + 1) / (visits(o) + k) for k actions (for two actions a prior of 1 of 2, as in the public LOLA code),
 * a state never visited getting the uniform policy. It then follows the wrapped rule's direction at the joint point
 * with the opponent's block replaced by the model's logits (log-odds for two actions, log-probabilities for more).
 * The wrapped rule computes with its own estimators, exact or sampled, against the modelled opponent.
 *
 * <p>The episodes draw from the agent's auxiliary stream of the update ({@link StreamIndex.Part#AUXILIARY}), so
 * they are independent of every other draw. Allocation-free after construction.
 *
 * @param rule    the rule that shapes against the model (for example LOLA-K)
 * @param batch   episodes per update, &gt;= 1
 * @param horizon moves per episode, &gt;= 1
 */
public record OpponentModelling(LearningRule rule, int batch, int horizon) implements LearningRule {

    /** Episodes per update by default: the LOLA-DiCE batch size. */
    public static final int DEFAULT_BATCH = 128;
    /** Moves per episode by default: the LOLA-DiCE rollout length. */
    public static final int DEFAULT_HORIZON = 150;

    public OpponentModelling {
        if (batch < 1 || horizon < 1) {
            throw new IllegalArgumentException("opponent modelling needs at least one episode of one move; got "
                    + batch + " x " + horizon);
        }
        if ((long) batch * horizon > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("opponent modelling: " + batch + " x " + horizon + " moves do not "
                    + "fit in memory");
        }
    }

    @Override
    public Learner newLearner(IteratedGame game, int agent) {
        return new Instance(game, agent);
    }

    @Override
    public LearningRule exactCounterpart() {
        return rule.exactCounterpart();
    }

    @Override
    public long estimatedBytes(IteratedGame game) {
        // A full batch: per move and player an observation, an action, a reward and a log-probability.
        return rule.estimatedBytes(game) + (long) batch * horizon * (8 + 24L * 2);
    }

    @Override
    public String describe() {
        return "om(" + batch + "x" + horizon + ", " + rule.describe() + ")";
    }

    private final class Instance implements Learner {
        private final int agent;
        private final int opponent;
        private final Learner shaper;
        private final TrajectorySampler sampler;
        private final TrajectoryBatch episodes;
        private final int oppOffset;
        private final int observations;
        private final int actions;
        private final int logitsPer;
        private final int[] counts;
        private final int[] visits;
        private final double[] modelled;
        private final double[] probabilities;

        Instance(IteratedGame game, int agent) {
            this.agent = agent;
            this.opponent = 1 - agent;
            this.shaper = rule.newLearner(game, agent);
            TabularProblem played = game.withHorizon(horizon);
            this.sampler = new TrajectorySampler(played);
            this.episodes = TrajectoryBatch.full(2, batch, horizon, played.isNoisy());
            ParameterLayout layout = game.layout();
            this.oppOffset = layout.offset(opponent);
            this.observations = layout.numObservations(opponent);
            this.actions = layout.numActions(opponent);
            this.logitsPer = layout.logitsPerObservation(opponent);
            this.counts = new int[observations * actions];
            this.visits = new int[observations];
            this.modelled = new double[layout.dimension()];
            this.probabilities = new double[actions];
        }

        @Override
        public int agent() {
            return agent;
        }

        @Override
        public boolean learns() {
            return true;
        }

        @Override
        public void reset() {
            shaper.reset();
        }

        @Override
        public void direction(double[] theta, UpdateKey key, double[] out) {
            sampler.sample(theta, key.seed(), StreamIndex.of(key.run(), key.update(), agent,
                    StreamIndex.Part.AUXILIARY, 0), episodes);
            Arrays.fill(counts, 0);
            Arrays.fill(visits, 0);
            int[] observed = episodes.observation(opponent);
            int[] played = episodes.action(opponent);
            int moves = batch * horizon;
            for (int m = 0; m < moves; m++) {
                visits[observed[m]]++;
                counts[observed[m] * actions + played[m]]++;
            }
            System.arraycopy(theta, 0, modelled, 0, theta.length);
            for (int o = 0; o < observations; o++) {
                for (int a = 0; a < actions; a++) {
                    probabilities[a] = (counts[o * actions + a] + 1.0) / (visits[o] + actions);
                }
                int at = oppOffset + o * logitsPer;
                if (actions == 2) {
                    modelled[at] = Math.log(probabilities[0]) - Math.log(probabilities[1]);
                } else {
                    for (int a = 0; a < actions; a++) {
                        modelled[at + a] = Math.log(probabilities[a]);
                    }
                }
            }
            shaper.direction(modelled, key, out);
        }
    }
}
