package dev.opshape.tabular.exact;

import dev.opshape.tabular.TabularProblem;
import dev.opshape.tabular.policy.ActionLogits;

import java.util.Arrays;

/**
 * The general exact kernel's contractions, for any tabular model: the gradient and Hessian-vector product from
 * per-cell coefficients that a subclass computes for its horizon.
 *
 * <h2>Method</h2>
 * In state s the joint action a is played with probability q_s(a) = prod_i pi_i'(a_i | o_i(s)) (pi_i' the executed
 * policy of player i, o_i(s) its observation). Every logit enters only through the q_s of the states where its
 * observation is made, so with the cell coefficients c_{i,s}(a) = dV_i / dq_s(a) (computed by the subclass:
 * discounted visit weight times the action value, see {@link DiscountedEvaluator} and {@link FiniteHorizonEvaluator})
 * the gradient with respect to player j's logits of observation o is the sum over the states s with o_j(s) = o of
 * c_j J^T u, with u[b] = sum over the joint actions a with a_j = b of c_{i,s}(a) prod_{l != j} pi_l'(a_l | o_l(s))
 * and J the Jacobian of player j's softmax there (scaled by c_j, the tremble slope). A Hessian-vector product
 * differentiates this along v (forward over adjoint): it needs the directional derivatives q_s' of the rows (here)
 * and c_{i,s}' of the coefficients (the subclass, with the factorisation or recursions it already holds).
 *
 * <p>For two players the products over "the other players" are single factors, and the arithmetic is exactly the
 * two-player contraction (the same products in the same order).
 */
abstract class TabularEvaluator extends ExactEvaluator {

    /** States S, joint actions A, cells C = S * A. */
    protected final int numStates;
    protected final int numJoint;
    protected final int numCells;
    /** Observation of each player in each state: observationOf[i][s]. */
    protected final int[][] observationOf;
    /** Each player's action in each joint action: actionOf[i][a]. */
    protected final int[][] actionOf;
    /** Rewards by cell, per player. */
    protected final double[][] reward;
    /** Start distribution over states. */
    protected final double[] start;
    /** Transitions in CSR layout by cell (see TabularModel). */
    protected final int[] transitionOffset;
    protected final int[] nextState;
    protected final double[] nextProbability;
    /** For a deterministic model the one next state of each cell (probability 1), else null: the fast paths. */
    protected final int[] singleNext;
    /** Joint-action distribution by cell: q[s * A + a]. */
    protected final double[] q;
    /** Cell coefficients c_{i,s}(a) = dV_i / dq_s(a): coef[i][cell], set by {@link #prepare}. */
    protected final double[][] coef;
    /** Directional derivatives along the current HVP direction: rows and coefficients. */
    protected final double[] qDot;
    protected final double[] coefDot;
    /** Workspaces of the cell-visit queries: state visits and their derivative. */
    private final double[] visits;
    private final double[] visitsDot;
    /** Policy directional derivatives per player (intended, and executed = c_i times them). */
    private final double[][] piDot;
    private final double[][] mixDot;
    /** Contraction buffers per player (length k_i). */
    private final double[][] u;
    private final double[][] uDot;
    /** Where each player's probabilities of its observation in state s start: observationOf[i][s] * k_i. */
    private final int[][] rowOffset;
    /** True for two players: the loops below are then written out for them (the games' case). */
    private final boolean twoPlayers;

    TabularEvaluator(TabularProblem problem) {
        super(problem);
        this.numStates = model.numStates();
        this.numJoint = model.numJointActions();
        this.numCells = model.numCells();
        this.observationOf = new int[numPlayers][];
        this.actionOf = new int[numPlayers][numJoint];
        this.reward = new double[numPlayers][];
        this.piDot = new double[numPlayers][];
        this.mixDot = new double[numPlayers][];
        this.u = new double[numPlayers][];
        this.uDot = new double[numPlayers][];
        for (int i = 0; i < numPlayers; i++) {
            observationOf[i] = model.player(i).observationTable();
            for (int a = 0; a < numJoint; a++) {
                actionOf[i][a] = model.action(i, a);
            }
            reward[i] = model.rewards(i);
            piDot[i] = new double[pi[i].length];
            mixDot[i] = noisy ? new double[pi[i].length] : piDot[i];
            u[i] = new double[numActions[i]];
            uDot[i] = new double[numActions[i]];
        }
        this.rowOffset = new int[numPlayers][numStates];
        for (int i = 0; i < numPlayers; i++) {
            for (int st = 0; st < numStates; st++) {
                rowOffset[i][st] = observationOf[i][st] * numActions[i];
            }
        }
        this.twoPlayers = numPlayers == 2;
        this.start = model.startDistribution();
        this.transitionOffset = model.transitionOffsets();
        this.nextState = model.nextStates();
        this.nextProbability = model.nextProbabilities();
        this.singleNext = model.isDeterministic() ? nextState : null;
        this.q = new double[numCells];
        this.coef = new double[numPlayers][numCells];
        this.qDot = new double[numCells];
        this.coefDot = new double[numCells];
        this.visits = new double[numStates];
        this.visitsDot = new double[numStates];
    }

    @Override
    protected final void prepare() {
        if (twoPlayers) {
            prepareRowsOfTwo();
            prepareCoefficients();
            return;
        }
        for (int s = 0; s < numStates; s++) {
            int base = s * numJoint;
            for (int a = 0; a < numJoint; a++) {
                double p = 1.0;
                for (int i = 0; i < numPlayers; i++) {
                    p *= mix[i][observationOf[i][s] * numActions[i] + actionOf[i][a]];
                }
                q[base + a] = p;
            }
        }
        prepareCoefficients();
    }

    @Override
    protected void replaceRewards(int player, double[] byCell) {
        System.arraycopy(byCell, 0, reward[player], 0, numCells);
    }

    /** q_s(a0 k1 + a1) = pi_0'(a0) pi_1'(a1) in every state: the rows of a two-player model. */
    private void prepareRowsOfTwo() {
        double[] mix0 = mix[0];
        double[] mix1 = mix[1];
        int k0 = numActions[0];
        int k1 = numActions[1];
        for (int s = 0; s < numStates; s++) {
            int base = s * numJoint;
            int o0 = rowOffset[0][s];
            int o1 = rowOffset[1][s];
            for (int a0 = 0; a0 < k0; a0++) {
                double p0 = mix0[o0 + a0];
                for (int a1 = 0; a1 < k1; a1++) {
                    q[base + a0 * k1 + a1] = p0 * mix1[o1 + a1];
                }
            }
        }
    }

    /** Computes {@link #values} and {@link #coef} for every player from {@link #q}. */
    protected abstract void prepareCoefficients();

    /**
     * Computes {@link #coefDot} for the given player: the derivative of its cell coefficients along the direction
     * whose row derivatives are in {@link #qDot}.
     */
    protected abstract void directionalCoefficients(int player);

    /** The discounted state visits w(s) = sum_t gamma^t P(s_t = s) at the current point (length S, not normalised). */
    protected abstract void stateVisits(double[] out);

    /** The derivative of {@link #stateVisits} along the direction whose row derivatives are in {@link #qDot}. */
    protected abstract void stateVisitsDirectional(double[] out);

    /** out[s] = sum_a rows[s * A + a] values[s * A + a] for every state s (an expectation over each state's row). */
    protected final void rowSums(double[] rows, double[] values, int valuesAt, double[] out, int outAt) {
        for (int s = 0; s < numStates; s++) {
            double acc = 0.0;
            int base = s * numJoint;
            for (int a = 0; a < numJoint; a++) {
                acc += rows[base + a] * values[valuesAt + base + a];
            }
            out[outAt + s] = acc;
        }
    }

    /**
     * uj[b] = sum over the joint actions a of state s with a_j = b of c[base + a] prod_{l != j} pi_l'(a_l | o_l(s)):
     * player j's contraction of state s's cell coefficients (see the class comment).
     */
    private void contract(int j, int s, double[] c, double[] uj) {
        int base = s * numJoint;
        Arrays.fill(uj, 0.0);
        int[] act = actionOf[j];
        for (int a = 0; a < numJoint; a++) {
            uj[act[a]] += others(j, s, a) * c[base + a];
        }
    }

    /** The product of the executed probabilities of every player but j in state s under joint action a. */
    private double others(int j, int s, int a) {
        double p = 1.0;
        for (int l = 0; l < numPlayers; l++) {
            if (l != j) {
                p *= mix[l][observationOf[l][s] * numActions[l] + actionOf[l][a]];
            }
        }
        return p;
    }

    /** The directional derivative of {@link #others} along the current direction. */
    private double othersDot(int j, int s, int a) {
        double sum = 0.0;
        for (int l = 0; l < numPlayers; l++) {
            if (l == j) {
                continue;
            }
            double p = mixDot[l][observationOf[l][s] * numActions[l] + actionOf[l][a]];
            for (int m = 0; m < numPlayers; m++) {
                if (m != j && m != l) {
                    p *= mix[m][observationOf[m][s] * numActions[m] + actionOf[m][a]];
                }
            }
            sum += p;
        }
        return sum;
    }

    @Override
    protected final void computeGradient(int player, double[] out) {
        Arrays.fill(out, 0, layout.dimension(), 0.0);
        double[] c = coef[player];
        if (twoPlayers) {
            gradientOfTwo(c, out);
            return;
        }
        for (int s = 0; s < numStates; s++) {
            for (int j = 0; j < numPlayers; j++) {
                double[] uj = u[j];
                contract(j, s, c, uj);
                int o = observationOf[j][s];
                ActionLogits.addVjp(pi[j], o * numActions[j], numActions[j], uj, 0, scale[j], out,
                        offset[j] + o * perObservation[j]);
            }
        }
    }

    /**
     * The two-player gradient: for agent 0 in state s, u[a0] = sum_a1 pi_1'(a1) c_s(a0, a1); for agent 1,
     * u[a1] = sum_a0 pi_0'(a0) c_s(a0, a1).
     */
    private void gradientOfTwo(double[] c, double[] out) {
        double[] mix0 = mix[0];
        double[] mix1 = mix[1];
        double[] u0 = u[0];
        double[] u1 = u[1];
        int k0 = numActions[0];
        int k1 = numActions[1];
        for (int s = 0; s < numStates; s++) {
            int base = s * numJoint;
            int o0 = rowOffset[0][s];
            int o1 = rowOffset[1][s];
            for (int a0 = 0; a0 < k0; a0++) {
                double acc = 0.0;
                for (int a1 = 0; a1 < k1; a1++) {
                    acc += mix1[o1 + a1] * c[base + a0 * k1 + a1];
                }
                u0[a0] = acc;
            }
            ActionLogits.addVjp(pi[0], o0, k0, u0, 0, scale[0], out,
                    offset[0] + observationOf[0][s] * perObservation[0]);
            for (int a1 = 0; a1 < k1; a1++) {
                double acc = 0.0;
                for (int a0 = 0; a0 < k0; a0++) {
                    acc += mix0[o0 + a0] * c[base + a0 * k1 + a1];
                }
                u1[a1] = acc;
            }
            ActionLogits.addVjp(pi[1], o1, k1, u1, 0, scale[1], out,
                    offset[1] + observationOf[1][s] * perObservation[1]);
        }
    }

    /** The two-player rows' derivatives along v: q_s'(a0, a1) = pi_0'dot(a0) pi_1'(a1) + pi_0'(a0) pi_1'dot(a1). */
    private void rowDerivativesOfTwo() {
        double[] mix0 = mix[0];
        double[] mix1 = mix[1];
        double[] dot0 = mixDot[0];
        double[] dot1 = mixDot[1];
        int k0 = numActions[0];
        int k1 = numActions[1];
        for (int s = 0; s < numStates; s++) {
            int base = s * numJoint;
            int o0 = rowOffset[0][s];
            int o1 = rowOffset[1][s];
            for (int a0 = 0; a0 < k0; a0++) {
                double p0 = mix0[o0 + a0];
                double d0 = dot0[o0 + a0];
                for (int a1 = 0; a1 < k1; a1++) {
                    qDot[base + a0 * k1 + a1] = d0 * mix1[o1 + a1] + dot1[o1 + a1] * p0;
                }
            }
        }
    }

    /** The two-player product's contractions (see {@link #gradientOfTwo}), differentiated along the direction. */
    private void productOfTwo(double[] c, double[] v, double[] out) {
        double[] mix0 = mix[0];
        double[] mix1 = mix[1];
        double[] dot0 = mixDot[0];
        double[] dot1 = mixDot[1];
        double[] u0 = u[0];
        double[] u1 = u[1];
        double[] u0Dot = uDot[0];
        double[] u1Dot = uDot[1];
        int k0 = numActions[0];
        int k1 = numActions[1];
        for (int s = 0; s < numStates; s++) {
            int base = s * numJoint;
            int o0 = rowOffset[0][s];
            int o1 = rowOffset[1][s];
            for (int a0 = 0; a0 < k0; a0++) {
                double acc = 0.0;
                double accDot = 0.0;
                for (int a1 = 0; a1 < k1; a1++) {
                    int cell = base + a0 * k1 + a1;
                    acc += mix1[o1 + a1] * c[cell];
                    accDot += dot1[o1 + a1] * c[cell] + mix1[o1 + a1] * coefDot[cell];
                }
                u0[a0] = acc;
                u0Dot[a0] = accDot;
            }
            int at0 = offset[0] + observationOf[0][s] * perObservation[0];
            ActionLogits.addVjp(pi[0], o0, k0, u0Dot, 0, scale[0], out, at0);
            ActionLogits.addCurvature(pi[0], o0, piDot[0], o0, k0, v, at0, u0, 0, scale[0], out, at0);
            for (int a1 = 0; a1 < k1; a1++) {
                double acc = 0.0;
                double accDot = 0.0;
                for (int a0 = 0; a0 < k0; a0++) {
                    int cell = base + a0 * k1 + a1;
                    acc += mix0[o0 + a0] * c[cell];
                    accDot += dot0[o0 + a0] * c[cell] + mix0[o0 + a0] * coefDot[cell];
                }
                u1[a1] = acc;
                u1Dot[a1] = accDot;
            }
            int at1 = offset[1] + observationOf[1][s] * perObservation[1];
            ActionLogits.addVjp(pi[1], o1, k1, u1Dot, 0, scale[1], out, at1);
            ActionLogits.addCurvature(pi[1], o1, piDot[1], o1, k1, v, at1, u1, 0, scale[1], out, at1);
        }
    }

    @Override
    protected final void computeHessianVectorProduct(int player, double[] v, double[] out) {
        rowDerivatives(v);
        directionalCoefficients(player);
        Arrays.fill(out, 0, layout.dimension(), 0.0);
        if (twoPlayers) {
            productOfTwo(coef[player], v, out);
            return;
        }
        double[] c = coef[player];
        for (int s = 0; s < numStates; s++) {
            int base = s * numJoint;
            for (int j = 0; j < numPlayers; j++) {
                double[] uj = u[j];
                double[] ujDot = uDot[j];
                contract(j, s, c, uj);
                Arrays.fill(ujDot, 0.0);
                int[] act = actionOf[j];
                for (int a = 0; a < numJoint; a++) {
                    ujDot[act[a]] += othersDot(j, s, a) * c[base + a] + others(j, s, a) * coefDot[base + a];
                }
                int k = numActions[j];
                int o = observationOf[j][s];
                int at = offset[j] + o * perObservation[j];
                ActionLogits.addVjp(pi[j], o * k, k, ujDot, 0, scale[j], out, at);
                ActionLogits.addCurvature(pi[j], o * k, piDot[j], o * k, k, v, at, uj, 0, scale[j], out, at);
            }
        }
    }

    /** The policies' derivatives along v ({@code piDot}, {@code mixDot}) and the rows' ({@link #qDot}). */
    private void rowDerivatives(double[] v) {
        for (int i = 0; i < numPlayers; i++) {
            int k = numActions[i];
            for (int o = 0; o < numObservations[i]; o++) {
                ActionLogits.jvp(pi[i], o * k, k, v, offset[i] + o * perObservation[i], piDot[i], o * k);
            }
            if (noisy) {
                for (int c = 0; c < piDot[i].length; c++) {
                    mixDot[i][c] = scale[i] * piDot[i][c];
                }
            }
        }
        if (twoPlayers) {
            rowDerivativesOfTwo();
            return;
        }
        for (int s = 0; s < numStates; s++) {
            int base = s * numJoint;
            for (int a = 0; a < numJoint; a++) {
                double d = 0.0;
                for (int i = 0; i < numPlayers; i++) {
                    d += mixDot[i][observationOf[i][s] * numActions[i] + actionOf[i][a]] * others(i, s, a);
                }
                qDot[base + a] = d;
            }
        }
    }

    @Override
    protected final void computeCellVisits(double[] out) {
        stateVisits(visits);
        for (int s = 0; s < numStates; s++) {
            int base = s * numJoint;
            for (int a = 0; a < numJoint; a++) {
                out[base + a] = visits[s] * q[base + a];
            }
        }
    }

    @Override
    protected final void computeCellVisitsDirectional(double[] v, double[] out) {
        rowDerivatives(v);
        stateVisits(visits);
        stateVisitsDirectional(visitsDot);
        // D(s, a) = w(s) q_s(a), so D' = w' q + w q'.
        for (int s = 0; s < numStates; s++) {
            int base = s * numJoint;
            for (int a = 0; a < numJoint; a++) {
                out[base + a] = visitsDot[s] * q[base + a] + visits[s] * qDot[base + a];
            }
        }
    }
}
