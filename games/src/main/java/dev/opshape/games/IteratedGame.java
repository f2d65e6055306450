package dev.opshape.games;

import dev.opshape.games.exact.DiscountedTwoByTwoEvaluator;
import dev.opshape.games.policy.PolicyLayout;
import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.Player;
import dev.opshape.tabular.TabularModel;
import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.policy.ParameterLayout;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A matrix game played repeatedly by two memory-1 policies, with discount {@code gamma} and either an infinite
 * horizon ({@code horizon == 0}, gamma in [0, 1)) or a finite one of {@code horizon} moves (gamma in [0, 1]; gamma = 1
 * is the undiscounted match of fixed length that Axelrod-style tournaments play): a {@link TabularProblem} whose
 * model ({@link #model()}) has the states {@code start} and every joint outcome (the state after a move is its
 * joint outcome, index 1 + a1 * m + a2), two players who observe the states from their own side (see
 * {@link PolicyLayout}: agent 1's observation of a state is the state itself, agent 2's swaps the actions), and the
 * stage game's payoffs as rewards. Its exact evaluator ({@link #newEvaluator()}) is the hand-written 2 x 2 kernel
 * for noiseless infinite-horizon 2 x 2 games and the general tabular kernel otherwise.
 *
 * <p>Values: V_i = sum_t gamma^t E[r_{i,t}] over t = 0, 1, ... (t = 0 is the first move, drawn from the start
 * state), truncated to t &lt; T for a finite horizon T. Two readings of gamma &lt; 1 give the same numbers: a
 * discount, or the probability that the match goes on after each move (a match of random length with mean
 * 1 / (1 - gamma) moves, Axelrod's {@code prob_end} = 1 - gamma); the average reward per move is V divided by
 * sum_{t &lt; T} gamma^t, which for gamma = 1 and T moves is the total payoff over T. Instances are immutable.
 *
 * <h2>Trembling-hand noise</h2>
 * With noise epsilon &gt; 0 each agent's intended action is, independently at every move and with probability
 * epsilon, replaced by one of its k - 1 other actions chosen uniformly (with two actions: flipped, as in Axelrod's
 * {@code noise}). The executed actions are what both agents observe (they make the next memory-1 state) and what is
 * paid. So an agent with policy pi acts as if it played the mixed policy
 * <pre>
 *   pi'(a | s) = (1 - epsilon) pi(a | s) + epsilon (1 - pi(a | s)) / (k - 1) = f + c pi(a | s),
 *   f = epsilon / (k - 1),   c = 1 - epsilon k / (k - 1),
 * </pre>
 * ({@link #trembleFloor} and {@link #trembleScale}), an affine map of pi, so every derivative of pi' with respect to
 * the logits, of first or second order, is c times that of pi.
 * Allowed: 0 &lt;= epsilon &lt;= {@link #MAX_NOISE} (1). The values are exact for every epsilon; what learning can
 * do depends on c: at epsilon = (k - 1) / k (1/2 with two actions) every agent plays uniformly whatever its policy
 * (c = 0, every gradient is 0: nothing to learn), and beyond it c &lt; 0, so the executed policy moves against the
 * intended one (epsilon = 1 with two actions always plays the other action) and gradients change sign with c.
 */
public final class IteratedGame implements TabularProblem {

    /** Default discount of the LOLA and LOLA-DiCE papers. */
    public static final double DEFAULT_GAMMA = 0.96;

    /**
     * Inclusive upper bound of the noise: a flip probability, as in Axelrod's tournaments (see the class comment for
     * what learning can do at 1/2 and beyond).
     */
    public static final double MAX_NOISE = 1.0;

    private final MatrixGame game;
    private final double gamma;
    private final int horizon;
    private final double noise;
    private final TabularModel model;
    private final ParameterLayout layout;

    /**
     * @param game    the stage game
     * @param gamma   discount factor in [0, 1] for a finite horizon, [0, 1) for the infinite one
     * @param horizon number of moves T &gt;= 1, or {@link #INFINITE} (0)
     * @param noise   trembling-hand noise epsilon in [0, 1] (see above); 0 is the noiseless game
     * @throws InvalidModelException if gamma, the horizon or the noise is outside those ranges
     */
    public IteratedGame(MatrixGame game, double gamma, int horizon, double noise) {
        this(game, gamma, horizon, noise, null, null);
    }

    private IteratedGame(MatrixGame game, double gamma, int horizon, double noise, TabularModel model,
                         ParameterLayout layout) {
        this.game = Objects.requireNonNull(game, "game");
        TabularProblem.check(gamma, horizon, noise);
        this.gamma = gamma;
        this.horizon = horizon;
        this.noise = noise;
        this.model = model != null ? model : memoryOneModel(game);
        this.layout = layout != null ? layout : new ParameterLayout(this.model);
    }

    /** The noiseless game (noise 0) with the given stage game, discount and horizon (0 = infinite). */
    public IteratedGame(MatrixGame game, double gamma, int horizon) {
        this(game, gamma, horizon, 0.0);
    }

    /** The infinite-horizon game with discount gamma. */
    public static IteratedGame infinite(MatrixGame game, double gamma) {
        return new IteratedGame(game, gamma, INFINITE);
    }

    /** The game truncated to {@code horizon} moves (horizon &gt;= 1). */
    public static IteratedGame finite(MatrixGame game, double gamma, int horizon) {
        if (horizon < 1) {
            throw new InvalidModelException("horizon = " + horizon + "; a finite horizon must be >= 1 move");
        }
        return new IteratedGame(game, gamma, horizon);
    }

    /**
     * The tabular model of the iterated game: states start and 1 + j for every joint outcome j = a1 * m + a2
     * (labelled by agent 1's action then agent 2's), the next state 1 + (the joint action) from every state, the
     * payoffs as rewards, and each agent observing the states from its own side ({@link PolicyLayout}).
     */
    private static TabularModel memoryOneModel(MatrixGame game) {
        int n = game.rows();
        int m = game.columns();
        PolicyLayout view1 = new PolicyLayout(game, 0);
        PolicyLayout view2 = new PolicyLayout(game, 1);
        int states = 1 + n * m;
        List<String> stateLabels = new ArrayList<>(states);
        List<String> labels1 = new ArrayList<>(states);
        List<String> labels2 = new ArrayList<>(states);
        int[] observation1 = new int[states];
        int[] observation2 = new int[states];
        stateLabels.add("start");
        for (int s = 0; s < states; s++) {
            labels1.add(view1.stateLabel(s));
            labels2.add(view2.stateLabel(s));
        }
        for (int a1 = 0; a1 < n; a1++) {
            for (int a2 = 0; a2 < m; a2++) {
                int state = 1 + a1 * m + a2;
                stateLabels.add(view1.stateLabel(state));
                observation1[state] = view1.stateAfter(a1, a2);
                observation2[state] = view2.stateAfter(a1, a2);
            }
        }
        checkDistinct(game, labels1);
        checkDistinct(game, labels2);
        List<Player> players = List.of(
                new Player("agent1", game.actions(0), labels1, observation1),
                new Player("agent2", game.actions(1), labels2, observation2));
        TabularModel.Builder builder = TabularModel.builder(game.name(), stateLabels, players).startState(0);
        for (int s = 0; s < states; s++) {
            for (int a1 = 0; a1 < n; a1++) {
                for (int a2 = 0; a2 < m; a2++) {
                    int joint = a1 * m + a2;
                    builder.transition(s, joint, 1 + joint, 1.0);
                    builder.reward(0, s, joint, game.payoff(0, a1, a2));
                    builder.reward(1, s, joint, game.payoff(1, a1, a2));
                }
            }
        }
        try {
            return builder.build();
        } catch (InvalidModelException e) {
            throw new InvalidModelException("game '" + game.name() + "': " + e.getMessage(), e);
        }
    }

    /** Refuses action labels whose concatenations name two states alike (for example a/aa and aa/a). */
    private static void checkDistinct(MatrixGame game, List<String> labels) {
        for (int s = 0; s < labels.size(); s++) {
            int other = labels.indexOf(labels.get(s));
            if (other != s) {
                throw new InvalidModelException("game '" + game.name() + "': the states after outcomes " + other
                        + " and " + s + " would both be named '" + labels.get(s) + "' (state names join the two "
                        + "agents' action labels); choose action labels that do not run together");
            }
        }
    }

    /** The stage game. */
    public MatrixGame game() {
        return game;
    }

    @Override
    public double gamma() {
        return gamma;
    }

    @Override
    public int horizon() {
        return horizon;
    }

    @Override
    public double noise() {
        return noise;
    }

    @Override
    public TabularModel model() {
        return model;
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    /**
     * The hand-written 2 x 2 kernel for a noiseless infinite-horizon 2 x 2 game (the IPD, matching pennies, ...),
     * the general tabular kernel otherwise.
     */
    @Override
    public ExactEvaluator newEvaluator() {
        return game.rows() == 2 && game.columns() == 2 && !isFinite() && !isNoisy()
                ? new DiscountedTwoByTwoEvaluator(this) : ExactEvaluator.general(this);
    }

    /** The same stage game, discount and noise with another horizon (0 = infinite). */
    @Override
    public IteratedGame withHorizon(int newHorizon) {
        return new IteratedGame(game, gamma, newHorizon, noise, model, layout);
    }

    /** The same stage game, discount and horizon with another trembling-hand noise (in [0, 1/2)). */
    @Override
    public IteratedGame withNoise(double newNoise) {
        return new IteratedGame(game, gamma, horizon, newNoise, model, layout);
    }

    /** The own-view memory-1 layout of the given agent's policy (0 = agent 1, 1 = agent 2). */
    public PolicyLayout policyLayout(int agent) {
        return new PolicyLayout(game, agent);
    }

    /** Number of logits of the given agent (0 = agent 1, 1 = agent 2). */
    public int dimension(int agent) {
        return layout.dimension(agent);
    }

    /** Number of logits of both agents together, agent 1's first. */
    public int jointDimension() {
        return layout.dimension();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IteratedGame g && game.equals(g.game) && Double.compare(gamma, g.gamma) == 0
                && horizon == g.horizon && Double.compare(noise, g.noise) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(game, gamma, horizon, noise);
    }

    @Override
    public String toString() {
        return "IteratedGame[game=" + game.name() + ", gamma=" + gamma + ", horizon=" + horizon + ", noise=" + noise
                + "]";
    }
}
