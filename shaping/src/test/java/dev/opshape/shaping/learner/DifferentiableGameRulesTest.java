package dev.opshape.shaping.learner;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.agent.AgentCatalog;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.tabular.catalog.ComponentSpec;
import dev.opshape.testkit.TabularReferenceValue;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SGA, CO, EG, CGD and LSS against their formulas evaluated independently: the simultaneous gradient g and its
 * Jacobian J built from {@link TabularReferenceValue} (commons-math3 DerivativeStructure through a plain
 * Markov-chain value, no derivative formula shared with the evaluators), the rules' linear algebra done with
 * commons-math3 matrices, in the loss form of the Stable Opponent Shaping code (xi = -g, H = -J) and compared with
 * the learners' value-ascent directions (which must be minus the code's update). At random points of the IPD and of
 * rock-paper-scissors (where LSS's Jacobian is singular: its regularised branch), both agents, to 1e-9 relative.
 */
class DifferentiableGameRulesTest {

    private static final double TOLERANCE = 1e-9;

    private static double[] xi(IteratedGame game, double[] theta) {
        int d = game.jointDimension();
        double[] xi = new double[d];
        for (int i = 0; i < 2; i++) {
            double[] g = TabularReferenceValue.gradient(game, i, theta);
            for (int k = game.layout().offset(i); k < game.layout().offset(i) + game.layout().dimension(i); k++) {
                xi[k] = -g[k];
            }
        }
        return xi;
    }

    /** H = d xi / d theta, column by column from DerivativeStructure Hessian-vector products. */
    private static RealMatrix h(IteratedGame game, double[] theta) {
        int d = game.jointDimension();
        RealMatrix h = new Array2DRowRealMatrix(d, d);
        for (int c = 0; c < d; c++) {
            double[] unit = new double[d];
            unit[c] = 1;
            for (int i = 0; i < 2; i++) {
                double[] hv = TabularReferenceValue.hessianVectorProduct(game, i, theta, unit);
                for (int r = game.layout().offset(i); r < game.layout().offset(i) + game.layout().dimension(i); r++) {
                    h.setEntry(r, c, -hv[r]);
                }
            }
        }
        return h;
    }

    /** The loss-form update of the Stable Opponent Shaping code for the rule (alpha = eta = 1, its defaults). */
    private static RealVector codeUpdate(String rule, IteratedGame game, double[] theta) {
        int d = game.jointDimension();
        RealVector xi = new ArrayRealVector(xi(game, theta));
        RealMatrix h = h(game, theta);
        RealMatrix identity = MatrixUtils.createRealIdentityMatrix(d);
        switch (rule) {
            case "co":
                return xi.add(h.transpose().operate(xi));
            case "sga": {
                RealVector htXi = h.transpose().operate(xi);
                RealVector aTXi = htXi.subtract(h.operate(xi)).mapMultiply(0.5);
                double lambda = Math.signum(xi.dotProduct(htXi) * aTXi.dotProduct(htXi) / d + 0.1);
                return xi.add(aTXi.mapMultiply(lambda));
            }
            case "eg": {
                double[] ahead = theta.clone();
                for (int k = 0; k < d; k++) {
                    ahead[k] -= xi.getEntry(k);
                }
                return new ArrayRealVector(xi(game, ahead));
            }
            case "cgd": {
                RealMatrix ho = h.copy();
                for (int r = 0; r < d; r++) {
                    for (int c = 0; c < d; c++) {
                        boolean sameBlock = (r < game.layout().dimension(0)) == (c < game.layout().dimension(0));
                        if (sameBlock) {
                            ho.setEntry(r, c, 0);
                        }
                    }
                }
                return new LUDecomposition(identity.add(ho)).getSolver().solve(xi);
            }
            case "lss": {
                // The code inverts H, or uses (H^T H + 0.1 I)^-1 H^T where H is singular (softmax logits of rps
                // have a flat direction per state, so there it always is).
                double largest = 0;
                for (double[] row : h.getData()) {
                    for (double v : row) {
                        largest = Math.max(largest, Math.abs(v));
                    }
                }
                LUDecomposition lu = new LUDecomposition(h, 1e-12 * largest);
                RealMatrix inverse = lu.getSolver().isNonSingular() ? lu.getSolver().getInverse()
                        : new LUDecomposition(h.transpose().multiply(h).add(identity.scalarMultiply(0.1))).getSolver()
                                .getInverse().multiply(h.transpose());
                return identity.add(h.transpose().multiply(inverse)).operate(xi).mapMultiply(0.5);
            }
            default:
                throw new IllegalArgumentException(rule);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sga", "co", "eg", "cgd", "lss"})
    void directionsAreMinusTheCodesUpdate(String rule) {
        SplittableRandom random = new SplittableRandom(rule.hashCode());
        LearningRule learningRule = AgentCatalog.create(ComponentSpec.parse(rule), AgentDefaults.standard());
        for (IteratedGame game : new IteratedGame[] {IteratedGame.infinite(BuiltInGames.IPD, 0.96),
            IteratedGame.infinite(BuiltInGames.RPS, 0.9)}) {
            int d = game.jointDimension();
            for (int point = 0; point < 3; point++) {
                double[] theta = new double[d];
                for (int k = 0; k < d; k++) {
                    theta[k] = random.nextGaussian();
                }
                RealVector update = codeUpdate(rule, game, theta);
                double scale = Math.max(1, update.getLInfNorm());
                for (int agent = 0; agent < 2; agent++) {
                    double[] out = new double[game.dimension(agent)];
                    learningRule.newLearner(game, agent).direction(theta, new UpdateKey(1, 0, 0), out);
                    int offset = game.layout().offset(agent);
                    for (int c = 0; c < out.length; c++) {
                        assertEquals(-update.getEntry(offset + c), out[c], TOLERANCE * scale,
                                rule + " on " + game.game().name() + ", agent " + (agent + 1) + ", logit " + c);
                    }
                }
            }
        }
    }
}
