package dev.opshape.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opshape.cli.CommandRun;
import dev.opshape.cli.ExitCode;
import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.io.GameWriter;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExactCommandTest {

    @TempDir
    Path dir;

    private static JsonNode exactJson(String... args) {
        String[] all = Stream.concat(Stream.of("exact", "--json"), Stream.of(args)).toArray(String[]::new);
        CommandRun run = CommandRun.of(all);
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);
        return run.json();
    }

    /** Reads a JSON array of numbers, where "Infinity" and "-Infinity" stand for the infinities. */
    private static double[] numbers(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode node = array.get(i);
            values[i] = node.isNumber() ? node.doubleValue() : Double.parseDouble(node.textValue());
        }
        return values;
    }

    private static String list(double[] values) {
        return DoubleStream.of(values).mapToObj(v -> Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf")
                : Double.toString(v)).collect(Collectors.joining(","));
    }

    @Test
    void defaultsAreIpdAtGamma096InfiniteHorizonAndZeroLogits() {
        JsonNode json = exactJson();
        // Uniform random play in the LOLA IPD: expected reward per move (-1 - 3 + 0 - 2) / 4 = -1.5, over
        // 1 / (1 - 0.96) = 25 discounted moves.
        assertEquals(-37.5, json.get("V1").doubleValue(), 1e-12);
        assertEquals(-37.5, json.get("V2").doubleValue(), 1e-12);
        assertEquals(-1.5, json.get("avgReward1").doubleValue(), 1e-13);
        assertEquals("ipd", json.get("game").get("name").textValue());
        assertEquals(0.96, json.get("gamma").doubleValue());
        assertEquals(0, json.get("horizon").intValue());
        assertArrayEquals(new double[5], numbers(json.get("theta1")));
        assertEquals(List.of("start", "CC", "CD", "DC", "DD"), strings(json.get("stateLabels1")));
        assertEquals(List.of("start", "CC", "CD", "DC", "DD"), strings(json.get("logitLabels2")));
        assertEquals(0.5, json.get("policy2").get("DC").get("D").doubleValue());
        assertEquals(10, json.get("grad").get("V1").size());
        assertFalse(json.has("hvp"));
        JsonNode manifest = json.get("manifest");
        assertEquals("opshape", manifest.get("tool").textValue());
        assertEquals("opshape-exact/1", manifest.get("schema").textValue());
        assertEquals("opshape exact", manifest.get("command").textValue());
        assertEquals(List.of("exact", "--json"), strings(manifest.get("args")));
        assertTrue(manifest.get("version").textValue().matches("\\d+\\.\\d+\\.\\d+.*"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.textValue()));
        return values;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.5, 0.96, 0.99})
    void allDefectAgainstAllDefectIsTheClosedForm(double gamma) {
        JsonNode json = exactJson("--theta1=alld", "--theta2", "alld", "--gamma", Double.toString(gamma));
        // Mutual defection pays P = -2 every move, so V = -2 / (1 - gamma).
        assertEquals(-2 / (1 - gamma), json.get("V1").doubleValue(), 1e-9);
        assertEquals(-2 / (1 - gamma), json.get("V2").doubleValue(), 1e-9);
        assertEquals(-2, json.get("avgReward2").doubleValue(), 1e-12);
        assertEquals(1.0, json.get("occupancy").get("DD").doubleValue(), 1e-12);
    }

    /**
     * Rock-paper-scissors with every logit of agent 1 at -infinity: the softmax's limit of equal logits, uniform
     * play, against which any policy of agent 2 earns 0 per move (and the values are numbers, not NaN).
     */
    @Test
    void softmaxStateWithEveryLogitMinusInfinityPlaysUniformly() {
        String minusInf = String.join(",", java.util.Collections.nCopies(30, "-inf"));
        JsonNode json = exactJson("--game", "rps", "--theta1=" + minusInf,
                "--theta2=" + String.join(",", java.util.Collections.nCopies(30, "0.7")).replaceFirst("0.7", "3"));
        assertEquals(0.0, json.get("avgReward1").doubleValue(), 1e-12);
        assertEquals(0.0, json.get("avgReward2").doubleValue(), 1e-12);
    }

    /**
     * With trembling-hand noise e each executed move of ALLD is C with probability e, independently: the per-move
     * reward is e^2 R + e (1 - e) S + (1 - e) e T + (1 - e)^2 P. The JSON echoes the noise and keeps the intended
     * policy (p(C) = 0).
     */
    @Test
    void allDefectAgainstAllDefectWithNoise() {
        double e = 0.1;
        JsonNode json = exactJson("--theta1=alld", "--theta2=alld", "--noise", "0.1");
        double perMove = e * e * -1 + e * (1 - e) * -3 + (1 - e) * (1 - e) * -2;
        assertEquals(0.1, json.get("noise").doubleValue(), 0.0);
        assertEquals(perMove, json.get("avgReward1").doubleValue(), 1e-12);
        assertEquals(perMove / (1 - 0.96), json.get("V2").doubleValue(), 1e-9);
        assertEquals((1 - e) * (1 - e), json.get("occupancy").get("DD").doubleValue(), 1e-12);
        assertEquals(0.0, json.at("/policy1/start/C").doubleValue(), 0.0);
        assertEquals(0.0, exactJson("--theta1=alld", "--theta2=alld").get("noise").doubleValue(), 0.0);
    }

    /** Noise changes values and derivatives, and the result is the exact evaluator's for the noisy game. */
    @Test
    void noiseChangesTheResultToTheNoisyGames() {
        String[] args = {"--theta1=0,1,-1,2,0", "--theta2=tft", "--hvp=0,0,0,0,0,1,0,0,0,0", "--lola", "1"};
        JsonNode plain = exactJson(args);
        List<String> noisyArgs = new ArrayList<>(List.of(args));
        noisyArgs.add("--noise=0.05");
        JsonNode noisy = exactJson(noisyArgs.toArray(String[]::new));
        assertTrue(Math.abs(plain.get("V1").doubleValue() - noisy.get("V1").doubleValue()) > 1e-3);
        ExactEvaluator exact = IteratedGame.infinite(BuiltInGames.IPD, 0.96).withNoise(0.05).newEvaluator();
        double inf = Double.POSITIVE_INFINITY;
        exact.setPoint(new double[] {0, 1, -1, 2, 0}, new double[] {inf, inf, -inf, inf, -inf});
        assertEquals(exact.value(0), noisy.get("V1").doubleValue(), 0.0);
        double[] grad = new double[10];
        exact.gradient(1, grad);
        assertArrayEquals(grad, numbers(noisy.at("/grad/V2")), 0.0);
        assertTrue(noisy.get("lola") != null && noisy.at("/lola/agent1").size() == 5);
    }

    @Test
    void allDefectAgainstAllDefectOverAFiniteHorizon() {
        JsonNode json = exactJson("--theta1=alld", "--theta2=alld", "--gamma", "0.9", "--horizon", "7");
        assertEquals(-2 * (1 - Math.pow(0.9, 7)) / (1 - 0.9), json.get("V1").doubleValue(), 1e-12);
        assertEquals(-2, json.get("avgReward1").doubleValue(), 1e-12);
        assertEquals(7, json.get("horizon").intValue());
    }

    @Test
    void agentTwoReadsItsStatesFromItsOwnSide() {
        // Agent 1 always defects, agent 2 plays tit-for-tat in its own view: it cooperates once (agent 1 gets
        // T = 0, agent 2 S = -3), then sees (own C, other D) = its state CD and defects forever (P = -2).
        double gamma = 0.8;
        JsonNode json = exactJson("--theta1=alld", "--theta2=tft", "--gamma=" + gamma);
        assertEquals(-2 * gamma / (1 - gamma), json.get("V1").doubleValue(), 1e-12);
        assertEquals(-3 - 2 * gamma / (1 - gamma), json.get("V2").doubleValue(), 1e-12);
        assertEquals(0.0, json.get("policy2").get("CD").get("C").doubleValue());
        assertEquals(1.0, json.get("policy2").get("DC").get("C").doubleValue());
    }

    @Test
    void infiniteLogitsAreWrittenAsStrings() {
        JsonNode json = exactJson("--theta1=tft");
        JsonNode theta = json.get("theta1");
        assertEquals("Infinity", theta.get(0).textValue());
        assertEquals("-Infinity", theta.get(2).textValue());
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}, numbers(theta));
        assertEquals(1.0, json.get("policy1").get("start").get("C").doubleValue());
        // every other number is a JSON number
        json.get("grad").get("V1").forEach(node -> assertTrue(node.isNumber()));
    }

    @Test
    void strategyProbabilityTableAndLogitsAreTheSamePolicy() {
        JsonNode byName = exactJson("--theta1=tft", "--theta2=wsls");
        JsonNode byTable = exactJson("--theta1=probs:p=1/1/0/1/0", "--theta2=probs:p=1/1/0/0/1");
        JsonNode byLogits = exactJson("--theta1=inf,inf,-inf,inf,-inf", "--theta2=Infinity,+inf,-INF,-inf,inf");
        for (JsonNode other : List.of(byTable, byLogits)) {
            assertEquals(byName.get("V1"), other.get("V1"));
            assertEquals(byName.get("V2"), other.get("V2"));
            assertEquals(byName.get("grad"), other.get("grad"));
        }
    }

    @Test
    void negativeLogitsMayFollowTheOptionAsASeparateArgument() {
        JsonNode json = exactJson("--theta1", "-1,0,0,0,-2.5", "--theta2", "-inf,1e-3,0,0,0");
        assertArrayEquals(new double[] {-1, 0, 0, 0, -2.5}, numbers(json.get("theta1")));
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, 1e-3, 0, 0, 0}, numbers(json.get("theta2")));
    }

    /** Seeded random points in several games and horizons, with a random HVP direction. */
    static Stream<Arguments> points() {
        SplittableRandom random = new SplittableRandom(20240607);
        List<Arguments> cases = new ArrayList<>();
        String[] games = {"ipd", "imp", "chicken", "bos", "stag-hunt", "rps"};
        int[] horizons = {0, 0, 1, 12};
        for (String name : games) {
            for (int horizon : horizons) {
                MatrixGame game = BuiltInGames.byName(name).orElseThrow();
                double gamma = Math.round(random.nextDouble(0, 0.99) * 1000) / 1000.0;
                IteratedGame iterated = new IteratedGame(game, gamma, horizon);
                cases.add(Arguments.of(name, gamma, horizon, uniform(random, iterated.dimension(0)),
                        uniform(random, iterated.dimension(1)), uniform(random, iterated.jointDimension())));
            }
        }
        return cases.stream();
    }

    private static double[] uniform(SplittableRandom random, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble(-3, 3);
        }
        return x;
    }

    @ParameterizedTest(name = "{0} gamma={1} T={2}")
    @MethodSource("points")
    void jsonNumbersEqualTheExactEvaluator(String name, double gamma, int horizon, double[] theta1,
                                           double[] theta2, double[] v) {
        JsonNode json = exactJson("--game", name, "--gamma", Double.toString(gamma), "--horizon",
                Integer.toString(horizon), "--theta1=" + list(theta1), "--theta2=" + list(theta2),
                "--hvp=" + list(v));
        ExactEvaluator exact = new IteratedGame(BuiltInGames.byName(name).orElseThrow(),
                gamma, horizon).newEvaluator();
        exact.setPoint(theta1, theta2);
        int d = exact.dimension();
        // JSON carries the shortest decimal that reads back to the same double: equality is exact.
        assertEquals(exact.value(0), json.get("V1").doubleValue());
        assertEquals(exact.value(1), json.get("V2").doubleValue());
        assertEquals(exact.averageReward(0), json.get("avgReward1").doubleValue());
        assertEquals(exact.averageReward(1), json.get("avgReward2").doubleValue());
        double[] expected = new double[d];
        for (int agent = 0; agent < 2; agent++) {
            String key = agent == 0 ? "V1" : "V2";
            exact.gradient(agent, expected);
            assertArrayEquals(expected, numbers(json.get("grad").get(key)), "grad " + key);
            exact.hessianVectorProduct(agent, v, expected);
            assertArrayEquals(expected, numbers(json.get("hvp").get(key)), "hvp " + key);
        }
        assertArrayEquals(v, numbers(json.get("hvp").get("v")));
        assertArrayEquals(theta1, numbers(json.get("theta1")));
        assertEquals(exact.layout().dimension(0), json.get("logitLabels1").size());
        assertEquals(exact.layout().dimension(1), json.get("logitLabels2").size());
        // the policies: probabilities per state label and action label, in the evaluator's order
        double[] pi = new double[json.get("stateLabels1").size() * (name.equals("rps") ? 3 : 2)];
        exact.policy(0, pi);
        List<Double> listed = new ArrayList<>();
        json.get("policy1").forEach(state -> state.forEach(p -> listed.add(p.doubleValue())));
        assertEquals(DoubleStream.of(pi).boxed().toList(), listed);
        double[] occupancy = new double[exact.problem().model().numJointActions()];
        exact.jointActionOccupancy(occupancy);
        List<Double> occupancies = new ArrayList<>();
        json.get("occupancy").forEach(p -> occupancies.add(p.doubleValue()));
        assertEquals(DoubleStream.of(occupancy).boxed().toList(), occupancies);
    }

    @Test
    void softmaxLogitsAreLabelledByStateAndAction() {
        JsonNode json = exactJson("--game=rps");
        assertEquals(30, json.get("logitLabels1").size());
        assertEquals("start:R", json.get("logitLabels1").get(0).textValue());
        assertEquals("RP:S", json.get("logitLabels1").get(8).textValue());
        assertEquals(60, json.get("grad").get("V2").size());
    }

    @Test
    void gameFileAndInlineJsonGiveTheSameResultsAsTheBuiltIn() throws IOException {
        Path file = dir.resolve("my ipd.json");
        Files.writeString(file, GameWriter.toJson(BuiltInGames.IPD));
        String[] point = {"--theta1=0.3,-1,2,0,1", "--theta2=tft", "--hvp=1,0,0,0,0,0,0,1,0,0"};
        JsonNode builtIn = exactJson(Stream.concat(Stream.of("--game=ipd"), Stream.of(point))
                .toArray(String[]::new));
        JsonNode fromFile = exactJson(Stream.concat(Stream.of("--game", file.toString()), Stream.of(point))
                .toArray(String[]::new));
        JsonNode inline = exactJson(Stream.concat(
                Stream.of("--game", "{\"actions1\": [\"C\", \"D\"], \"payoffs1\": [[-1, -3], [0, -2]]}"),
                Stream.of(point)).toArray(String[]::new));
        for (JsonNode other : List.of(fromFile, inline)) {
            for (String field : List.of("V1", "V2", "grad", "hvp", "policy1", "policy2")) {
                assertEquals(builtIn.get(field), other.get(field), field);
            }
        }
        assertEquals("custom", inline.get("game").get("name").textValue());
    }

    @Test
    void textReportShowsValuesAndAPerStateTable() {
        CommandRun run = CommandRun.of("exact", "--hvp=1,0,0,0,0,0,0,0,0,0");
        assertEquals(0, run.exitCode(), run::toString);
        String out = run.out();
        assertTrue(out.startsWith("ipd: iterated prisoner's dilemma; gamma 0.96, infinite horizon"), out);
        assertTrue(out.matches("(?s).*value V_i.*-37\\.5 +-37\\.5\\n.*"), out);
        assertTrue(out.matches("(?s).*average reward per move +-1\\.5 +-1\\.5\\n.*"), out);
        assertTrue(out.contains("i  state  logit  p(C)  p(D)  dV1/dlogit  dV2/dlogit  (H1 v)_i  (H2 v)_i"), out);
        // agent 1's CC row: index 1, logit 0, p = 0.5, dV1 = -1.5 (see the README's worked example)
        assertTrue(out.matches("(?s).*\\n +1 +CC +0 +0\\.5 +0\\.5 +-1\\.5 +3 .*"), out);
        assertTrue(out.matches("(?s).*\\n +9 +DD +0 .*"), out);
        assertTrue(out.contains("CC 0.25, CD 0.25, DC 0.25, DD 0.25"), out);
        assertEquals("", run.err());
    }

    /** Bad input: arguments after "exact" and the fragments the one-line message must contain. */
    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(List.of("--game", "nosuchgame"), List.of("--game", "unknown game 'nosuchgame'",
                        "ipd, axelrod-pd, imp, stag-hunt, chicken, bos, rps")),
                Arguments.of(List.of("--theta1=nosuch"), List.of("--theta1", "unknown strategy 'nosuch'",
                        "tft", "probs")),
                Arguments.of(List.of("--theta2=gtft:g=2"), List.of("--theta2", "g=2", "[0, 1]")),
                Arguments.of(List.of("--theta2=gtft:x=1"), List.of("--theta2", "unknown key 'x'", "gtft takes g")),
                Arguments.of(List.of("--theta1=gtft:g"), List.of("--theta1", "'g' is not key=value")),
                Arguments.of(List.of("--theta1=tft", "--game=rps"), List.of("--theta1", "symmetric 2x2")),
                Arguments.of(List.of("--gamma", "abc"), List.of("--gamma", "'abc' is not a number")),
                Arguments.of(List.of("--gamma", "0.9.1"), List.of("--gamma", "'0.9.1' is not a number")),
                Arguments.of(List.of("--gamma", "1"), List.of("--gamma", "1.0 needs a finite --horizon")),
                Arguments.of(List.of("--gamma", "1.5"), List.of("--gamma", "1.5 is outside [0, 1]")),
                Arguments.of(List.of("--gamma", "-0.1"), List.of("--gamma", "-0.1 is outside [0, 1]")),
                Arguments.of(List.of("--gamma", "NaN"), List.of("--gamma", "NaN is not allowed")),
                Arguments.of(List.of("--gamma", "inf"), List.of("--gamma", "not a finite number")),
                Arguments.of(List.of("--noise", "2"), List.of("--noise", "2.0 is outside [0, 1]")),
                Arguments.of(List.of("--noise", "-1"), List.of("--noise", "-1.0 is outside [0, 1]")),
                Arguments.of(List.of("--noise", "1.01"), List.of("--noise", "1.01 is outside [0, 1]")),
                Arguments.of(List.of("--noise", "abc"), List.of("--noise", "'abc' is not a number", "[0, 1]")),
                Arguments.of(List.of("--noise", "NaN"), List.of("--noise", "NaN is not allowed")),
                Arguments.of(List.of("--horizon", "-1"), List.of("--horizon", "-1 is negative", "0 for an infinite")),
                Arguments.of(List.of("--horizon", "ten"), List.of("--horizon", "'ten' is not a whole number")),
                Arguments.of(List.of("--horizon", "99999999999"), List.of("--horizon", "out of range")),
                Arguments.of(List.of("--horizon", "1000001"), List.of("--horizon", "too large", "at most 1000000")),
                Arguments.of(List.of("--theta1=0,0,NaN,0,0"), List.of("--theta1", "entry 3", "NaN is not allowed")),
                Arguments.of(List.of("--theta1=0,0,x,0,0"), List.of("--theta1", "entry 3 'x' is not a number")),
                Arguments.of(List.of("--theta1=0,0,,0,0"), List.of("--theta1", "entry 3 is empty")),
                Arguments.of(List.of("--theta1=0,0,0,0"), List.of("--theta1", "4 logits given", "has 5",
                        "start, CC, CD, DC, DD")),
                Arguments.of(List.of("--theta2=0,0,0,0,0,0"), List.of("--theta2", "6 logits given",
                        "agent 2 of game 'ipd' has 5")),
                Arguments.of(List.of("--game=rps", "--theta1=0,0,0,0,0"), List.of("--theta1", "has 30",
                        "3 per state")),
                Arguments.of(List.of("--hvp=1,2,3"), List.of("--hvp", "3 numbers given", "needs 10")),
                Arguments.of(List.of("--hvp=0,0,0,0,0,0,0,0,0,inf"), List.of("--hvp", "entry 10 'inf' is not a "
                        + "finite number")),
                Arguments.of(List.of("--game", "missing-dir/none.json"), List.of("--game", "missing-dir/none.json",
                        "no such file")),
                Arguments.of(List.of("--game", "{\"payoffs1\": [[1, 2], [3]]}"), List.of("--game",
                        "inline game JSON", "rectangular")),
                Arguments.of(List.of("--game", "{\"payoffs1\": [[1, 2], [3, 4]], \"extra\": 1}"),
                        List.of("unknown field 'extra'")),
                Arguments.of(List.of("--game", "{nope"), List.of("not valid JSON at line 1, column 2")),
                Arguments.of(List.of("--frobnicate"), List.of("Unknown option: '--frobnicate'",
                        "'opshape exact --help'")),
                Arguments.of(List.of("stray"), List.of("'stray'", "'opshape exact --help'")),
                Arguments.of(List.of("--gamma"), List.of("Missing required parameter for option '--gamma'")),
                Arguments.of(List.of("--gamma", "0.5", "--gamma", "0.6"), List.of("--gamma",
                        "should be specified only once")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputExitsWithStatus2AndOneLine(List<String> args, List<String> fragments) {
        List<String> all = new ArrayList<>(List.of("exact"));
        all.addAll(args);
        CommandRun run = CommandRun.of(all.toArray(String[]::new));
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
        run.assertOneErrorLine();
        assertTrue(run.err().startsWith("opshape exact: "), run::toString);
        for (String fragment : fragments) {
            assertTrue(run.err().contains(fragment), () -> "'" + fragment + "' missing: " + run);
        }
    }

    @Test
    void badInputIsReportedTheSameWayWithJson() {
        CommandRun run = CommandRun.of("exact", "--json", "--gamma=2");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode());
        run.assertOneErrorLine();
    }

    @Test
    void unreadableGameFileIsBadInput() throws IOException {
        Path file = dir.resolve("secret.json");
        Files.writeString(file, GameWriter.toJson(BuiltInGames.IPD));
        assertTrue(file.toFile().setReadable(false));
        // root reads every file; the check is meaningful only for other users
        if (!Files.isReadable(file)) {
            CommandRun run = CommandRun.of("exact", "--game", file.toString());
            assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run::toString);
            assertTrue(run.err().contains("permission denied"), run::toString);
        }
        CommandRun directory = CommandRun.of("exact", "--game", dir.toString());
        assertEquals(ExitCode.BAD_INPUT, directory.exitCode(), directory::toString);
        directory.assertOneErrorLine();
        assertTrue(directory.err().toLowerCase(Locale.ROOT).contains("cannot be read"), directory::toString);
    }

    @Test
    void finiteInputsWithANonFiniteResultExitThreeNamingTheQuantity() {
        CommandRun hvp = CommandRun.of("exact", "--hvp=1e308,1e308,1e308,1e308,1e308,1e308,1e308,1e308,1e308,1e308");
        assertEquals(ExitCode.RUN_FAILED, hvp.exitCode(), hvp::toString);
        hvp.assertOneErrorLine();
        assertTrue(hvp.err().contains("H(V1) v[0] is"), hvp::toString);
        assertEquals("", hvp.out());
        CommandRun huge = CommandRun.of("exact", "--game", "{\"actions1\":[\"C\",\"D\"],\"payoffs1\":[[1e308,0],"
                + "[1e308,1]]}");
        assertEquals(ExitCode.RUN_FAILED, huge.exitCode(), huge::toString);
        assertTrue(huge.err().contains("V1 is Infinity"), huge::toString);
    }
}
