package dev.opshape.bench;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.agent.AgentCatalog;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.shaping.learner.UpdateKey;
import dev.opshape.tabular.catalog.ComponentSpec;
import dev.opshape.tabular.mdp.RandomMdps;
import dev.opshape.tabular.mdp.TabularMdp;

/**
 * The inputs of the side-by-side comparison with PyTorch ({@code bench/pytorch/compare.py}): one IPD point, one
 * direction, the step sizes and the seed, shared by {@link PeerComparisonBenchmark} (timing) and
 * {@link PeerReference} (the numbers the script checks its own against). The script receives them from
 * PeerReference's JSON, so there is a single source.
 */
final class PeerInputs {

    /** IPD, gamma = 0.96, infinite horizon (exact parts); the sampled parts use T = 150. */
    static final double GAMMA = 0.96;
    static final int HORIZON = 150;
    static final int BATCH = 128;
    /** Lookahead step size of every LOLA agent here (the LOLA paper's exact setting, AgentDefaults.standard()). */
    static final double ETA = AgentDefaults.DEFAULT_ETA;
    /** Master seed of the LOLA-DiCE random streams. */
    static final long SEED = 42L;
    /** The LOLA-DiCE agent, as a user writes it. */
    static final String DICE_AGENT = "lola:k=1:est=dice:batch=" + BATCH;

    /** The MAML-RL comparison: MDP 0 of the seed paper's random family under this seed, infinite horizon. */
    static final long MAML_SEED = 2022L;
    static final double MAML_GAMMA = 0.8;
    static final int MAML_STEPS = 5;
    static final double MAML_ALPHA = 10.0;

    private PeerInputs() {
    }

    /** An arbitrary interior point: agent 1's logits [start, CC, CD, DC, DD], p(C) = sigmoid(logit). */
    static double[] theta1() {
        return new double[] {0.5, -0.3, 0.2, 0.1, -0.4};
    }

    static double[] theta2() {
        return new double[] {-0.2, 0.4, -0.1, 0.3, 0.6};
    }

    /** The direction of the Hessian-vector product (over theta1 then theta2). */
    static double[] direction() {
        return new double[] {0.3, -0.7, 1.1, 0.2, -0.5, 0.9, -0.4, 0.6, -1.2, 0.8};
    }

    static IteratedGame game() {
        return IteratedGame.infinite(BuiltInGames.IPD, GAMMA);
    }

    /** The LOLA-DiCE rule of {@link #DICE_AGENT} (mean baseline, T = 150, eta = {@link #ETA}). */
    static LearningRule diceRule() {
        return AgentCatalog.create(ComponentSpec.parse(DICE_AGENT), new AgentDefaults(ETA));
    }

    static TabularMdp mamlMdp() {
        return RandomMdps.PAPER.draw(MAML_SEED, 0);
    }

    /** theta_0 of the MAML comparison: fixed logits of scale 0.5 (state-major, action-minor). */
    static double[] mamlTheta0() {
        int d = RandomMdps.PAPER.states() * RandomMdps.PAPER.actions();
        double[] theta = new double[d];
        for (int i = 0; i < d; i++) {
            theta[i] = 0.5 * Math.sin(1.7 * i + 0.3);
        }
        return theta;
    }

    /** The key of LOLA-DiCE update u (run 0). */
    static UpdateKey key(int update) {
        return new UpdateKey(SEED, 0, update);
    }
}
