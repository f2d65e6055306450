package dev.opshape.cli.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.opshape.cli.output.Manifest;
import dev.opshape.cli.output.NumberText;
import dev.opshape.cli.output.Report;
import dev.opshape.cli.output.TextTable;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.io.GameDocument;
import dev.opshape.games.policy.PolicyLayout;
import dev.opshape.shaping.learner.ExactLola;
import dev.opshape.tabular.exact.ExactEvaluator;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of {@code opshape exact}: exact values, average rewards, gradients and optionally Hessian-vector
 * products of both agents' values at one point (theta1, theta2), with everything needed to read them (labels of the
 * states and logits, the policies as probabilities).
 *
 * <p>Vectors over "all logits" ({@code grad}, {@code hvp}) are agent 1's logits followed by agent 2's, in the order
 * of {@code logitLabels1} then {@code logitLabels2}. Logits of deterministic choices are written as the strings
 * {@code "Infinity"} and {@code "-Infinity"} (see {@link dev.opshape.cli.output.JsonOutput}).
 *
 * @param manifest     what produced the document
 * @param game         the stage game in the JSON game format
 * @param gamma        the discount
 * @param horizon      the number of moves T, or 0 for an infinite horizon
 * @param noise        the trembling-hand noise (0 = none): values, gradients, products, LOLA directions and the
 *                     occupancy are those of the noisy game, the policies the intended ones
 * @param discountMass sum_{t &lt; T} gamma^t: V_i / discountMass is the average reward per move
 * @param stateLabels1 agent 1's own-view states: start, then the previous outcome as (own action, other's action)
 * @param stateLabels2 agent 2's own-view states, same convention from agent 2's side
 * @param logitLabels1 what each of agent 1's logits parameterises: the state for a two-action agent
 *                     (p(action 0) = sigmoid(logit)), {@code state:action} for a softmax agent
 * @param logitLabels2 the same for agent 2
 * @param theta1       agent 1's logits
 * @param theta2       agent 2's logits
 * @param policy1      agent 1's action probabilities by state label and action label
 * @param policy2      agent 2's action probabilities by state label and action label
 * @param v1           V1, agent 1's discounted value
 * @param v2           V2
 * @param avgReward1   agent 1's average reward per move, V1 / discountMass
 * @param avgReward2   agent 2's average reward per move
 * @param grad         gradients of V1 and V2 with respect to all logits
 * @param hvp          Hessian-vector products with the given direction, or null without {@code --hvp}
 * @param lola         both agents' exact LOLA update directions, or null without {@code --lola}
 * @param occupancy    discounted, normalised frequency of each joint outcome, labelled from agent 1's view
 */
@JsonPropertyOrder({"manifest", "game", "gamma", "horizon", "noise", "discountMass", "stateLabels1", "stateLabels2",
        "logitLabels1", "logitLabels2", "theta1", "theta2", "policy1", "policy2", "V1", "V2", "avgReward1",
        "avgReward2", "grad", "hvp", "lola", "occupancy"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExactReport(
        Manifest manifest,
        GameDocument game,
        double gamma,
        int horizon,
        double noise,
        double discountMass,
        List<String> stateLabels1,
        List<String> stateLabels2,
        List<String> logitLabels1,
        List<String> logitLabels2,
        double[] theta1,
        double[] theta2,
        Map<String, Map<String, Double>> policy1,
        Map<String, Map<String, Double>> policy2,
        @JsonProperty("V1") double v1,
        @JsonProperty("V2") double v2,
        double avgReward1,
        double avgReward2,
        PerValue grad,
        Product hvp,
        Lola lola,
        Map<String, Double> occupancy) implements Report {

    /** Schema name of the JSON document. */
    public static final String SCHEMA = "opshape-exact/1";

    /**
     * One vector per agent's value, each over all logits (agent 1's then agent 2's).
     *
     * @param v1 the vector for V1
     * @param v2 the vector for V2
     */
    public record PerValue(@JsonProperty("V1") double[] v1, @JsonProperty("V2") double[] v2) {
    }

    /**
     * Hessian-vector products: (d^2 V_i / d theta^2) v over all logits.
     *
     * @param v  the direction, as given
     * @param v1 Hessian of V1 times v
     * @param v2 Hessian of V2 times v
     */
    @JsonPropertyOrder({"v", "V1", "V2"})
    public record Product(double[] v, @JsonProperty("V1") double[] v1, @JsonProperty("V2") double[] v2) {
    }

    /**
     * What {@code --lola} asks for.
     *
     * @param k    lookahead steps
     * @param eta  lookahead step size
     * @param form {@code lookahead} or {@code taylor}
     */
    public record LolaRequest(int k, double eta, String form) {
    }

    /**
     * Each agent's exact LOLA update direction (gradient-ascent sense) over its own logits, from the same point.
     *
     * @param k      lookahead steps
     * @param eta    lookahead step size
     * @param form   lookahead (LOLA-K) or taylor (first-order Taylor LOLA)
     * @param agent1 agent 1's direction, over its logits in the order of logitLabels1
     * @param agent2 agent 2's direction, over its logits in the order of logitLabels2
     */
    @JsonPropertyOrder({"k", "eta", "form", "agent1", "agent2"})
    public record Lola(int k, double eta, String form, double[] agent1, double[] agent2) {
        static Lola compute(IteratedGame game, double[] theta1, double[] theta2, LolaRequest request) {
            ExactLola.Form form = request.form().equals("taylor") ? ExactLola.Form.TAYLOR : ExactLola.Form.LOOKAHEAD;
            double[][] directions = ExactLola.directions(ExactLola.rule(form, request.k(), request.eta()), game,
                    theta1, theta2);
            return new Lola(request.k(), request.eta(), request.form(), directions[0], directions[1]);
        }
    }

    /** Evaluates the game at (theta1, theta2), without LOLA directions. */
    public static ExactReport compute(Manifest manifest, IteratedGame game, double[] theta1, double[] theta2,
                                      double[] direction) {
        return compute(manifest, game, theta1, theta2, direction, null);
    }

    /**
     * Evaluates the game at (theta1, theta2).
     *
     * @param direction the HVP direction over all logits, or null for none (its length must be checked by the
     *                  caller)
     */
    public static ExactReport compute(Manifest manifest, IteratedGame game, double[] theta1, double[] theta2,
                                      double[] direction, LolaRequest lola) {
        MatrixGame stage = game.game();
        ExactEvaluator exact = game.newEvaluator();
        exact.setPoint(theta1, theta2);
        int d = exact.dimension();
        double[] grad1 = new double[d];
        double[] grad2 = new double[d];
        exact.gradient(0, grad1);
        exact.gradient(1, grad2);
        Product product = null;
        if (direction != null) {
            double[] h1 = new double[d];
            double[] h2 = new double[d];
            exact.hessianVectorProduct(0, direction, h1);
            exact.hessianVectorProduct(1, direction, h2);
            product = new Product(direction.clone(), h1, h2);
        }
        PolicyLayout layout1 = game.policyLayout(0);
        PolicyLayout layout2 = game.policyLayout(1);
        double[] occupancy = new double[stage.numOutcomes()];
        exact.jointActionOccupancy(occupancy);
        Map<String, Double> byOutcome = new LinkedHashMap<>();
        for (int j = 0; j < occupancy.length; j++) {
            // Outcome j = a1 * m + a2 is agent 1's state 1 + j, so agent 1's state label names it.
            byOutcome.put(layout1.stateLabel(1 + j), occupancy[j]);
        }
        return new ExactReport(manifest, GameDocument.of(stage), game.gamma(), game.horizon(), game.noise(),
                game.discountMass(),
                stateLabels(layout1), stateLabels(layout2), logitLabels(layout1, stage), logitLabels(layout2, stage),
                theta1.clone(), theta2.clone(), policy(exact, layout1, stage), policy(exact, layout2, stage),
                exact.value(0), exact.value(1), exact.averageReward(0), exact.averageReward(1),
                new PerValue(grad1, grad2), product, lola == null ? null : Lola.compute(game, theta1, theta2, lola),
                byOutcome);
    }

    private static List<String> stateLabels(PolicyLayout layout) {
        List<String> labels = new ArrayList<>();
        for (int s = 0; s < layout.numStates(); s++) {
            labels.add(layout.stateLabel(s));
        }
        return List.copyOf(labels);
    }

    private static List<String> logitLabels(PolicyLayout layout, MatrixGame game) {
        List<String> labels = new ArrayList<>();
        for (int s = 0; s < layout.numStates(); s++) {
            if (layout.logitsPerState() == 1) {
                labels.add(layout.stateLabel(s));
            } else {
                for (String action : game.actions(layout.agent())) {
                    labels.add(layout.stateLabel(s) + ":" + action);
                }
            }
        }
        return List.copyOf(labels);
    }

    private static Map<String, Map<String, Double>> policy(ExactEvaluator exact, PolicyLayout layout,
                                                           MatrixGame game) {
        int k = layout.numActions();
        double[] pi = new double[layout.numStates() * k];
        exact.policy(layout.agent(), pi);
        List<String> actions = game.actions(layout.agent());
        Map<String, Map<String, Double>> byState = new LinkedHashMap<>();
        for (int s = 0; s < layout.numStates(); s++) {
            Map<String, Double> byAction = new LinkedHashMap<>();
            for (int a = 0; a < k; a++) {
                byAction.put(actions.get(a), pi[s * k + a]);
            }
            byState.put(layout.stateLabel(s), byAction);
        }
        return byState;
    }

    @Override
    public void printText(PrintWriter out) {
        out.println(game.name() + ": " + game.description() + "; gamma " + NumberText.format(gamma) + ", "
                + (horizon == 0 ? "infinite horizon" : "horizon T = " + horizon + " moves")
                + " (sum of gamma^t = " + NumberText.format(discountMass) + ")"
                + (noise == 0 ? "" : "; trembling-hand noise " + NumberText.format(noise)
                + " (policies shown are the intended ones)"));
        out.println();
        TextTable values = new TextTable().left("").right("agent 1").right("agent 2");
        values.row("value V_i = sum_t gamma^t E[r_i,t]", NumberText.format(v1), NumberText.format(v2));
        values.row("average reward per move", NumberText.format(avgReward1), NumberText.format(avgReward2));
        values.print(out, "");
        printAgent(out, 0, game.actions1(), stateLabels1, logitLabels1, theta1, policy1);
        printAgent(out, 1, game.actions2(), stateLabels2, logitLabels2, theta2, policy2);
        out.println();
        List<String> cells = new ArrayList<>();
        occupancy.forEach((outcome, weight) -> cells.add(outcome + " " + NumberText.format(weight)));
        out.println("joint outcomes (agent 1's action first), discounted frequency: " + String.join(", ", cells));
        if (lola != null) {
            out.println();
            out.println("exact LOLA update directions (" + (lola.form().equals("taylor") ? "first-order Taylor form"
                    : lola.k() + " lookahead step" + (lola.k() == 1 ? "" : "s")) + ", eta "
                    + NumberText.format(lola.eta()) + "), over each agent's own logits:");
            for (int agent = 0; agent < 2; agent++) {
                double[] d = agent == 0 ? lola.agent1() : lola.agent2();
                List<String> labels = agent == 0 ? logitLabels1 : logitLabels2;
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < d.length; i++) {
                    parts.add(labels.get(i) + " " + NumberText.format(d[i]));
                }
                out.println("  agent " + (agent + 1) + ": " + String.join(", ", parts));
            }
        }
    }

    private void printAgent(PrintWriter out, int agent, List<String> actions, List<String> states,
                            List<String> logits, double[] theta, Map<String, Map<String, Double>> policy) {
        int offset = agent == 0 ? 0 : logitLabels1.size();
        boolean sigmoid = actions.size() == 2;
        out.println();
        out.println("agent " + (agent + 1) + ": states as agent " + (agent + 1) + " sees them (own action first); "
                + (sigmoid ? "p(" + actions.get(0) + ") = sigmoid(logit)" : "p = softmax(logits of the state)")
                + "; i = index in the gradient");
        TextTable table = new TextTable().right("i").left(sigmoid ? "state" : "state:action").right("logit");
        if (sigmoid) {
            for (String action : actions) {
                table.right("p(" + action + ")");
            }
        } else {
            table.right("p");
        }
        table.right("dV1/dlogit").right("dV2/dlogit");
        if (hvp != null) {
            table.right("(H1 v)_i").right("(H2 v)_i");
        }
        for (int l = 0; l < logits.size(); l++) {
            int i = offset + l;
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(i));
            row.add(logits.get(l));
            row.add(NumberText.format(theta[l]));
            if (sigmoid) {
                for (String action : actions) {
                    row.add(NumberText.format(policy.get(states.get(l)).get(action)));
                }
            } else {
                String state = states.get(l / actions.size());
                row.add(NumberText.format(policy.get(state).get(actions.get(l % actions.size()))));
            }
            row.add(NumberText.format(grad.v1()[i]));
            row.add(NumberText.format(grad.v2()[i]));
            if (hvp != null) {
                row.add(NumberText.format(hvp.v1()[i]));
                row.add(NumberText.format(hvp.v2()[i]));
            }
            table.row(row.toArray(String[]::new));
        }
        table.print(out, "  ");
    }
}
