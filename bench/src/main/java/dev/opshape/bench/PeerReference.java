package dev.opshape.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.estimator.BaselineKind;
import dev.opshape.shaping.estimator.GradientEstimator;
import dev.opshape.shaping.estimator.SampledEstimatorSpec;
import dev.opshape.shaping.estimator.Surrogate;
import dev.opshape.shaping.estimator.Surrogates;
import dev.opshape.shaping.learner.Learner;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.shaping.learner.LookaheadLola;
import dev.opshape.shaping.learner.StreamIndex;
import dev.opshape.shaping.learner.UpdateKey;
import dev.opshape.shaping.meta.MamlMetaGradient;
import dev.opshape.tabular.exact.ExactEvaluator;
import dev.opshape.tabular.mdp.TabularMdp;
import dev.opshape.tabular.sample.PhiloxStream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Writes opshape's results at the inputs of {@link PeerInputs}, for {@code bench/pytorch/compare.py} to check its
 * own PyTorch results against: exact values, gradient and Hessian-vector product of the IPD; both agents' exact
 * LOLA-K directions for K = 1 and 10; the DiCE and LVC gradient and products on one fixed batch; both agents'
 * LOLA-DiCE K = 1 directions of update 0; the exact MAML-RL meta-gradient (K = 5, alpha 10) on MDP 0 of the
 * seed paper's random family, with the MDP's tables. For the sampled quantities it also writes the uniforms each
 * batch is drawn from, so that the script can draw the identical trajectories with the same inverse-CDF rule.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar dev.opshape.bench.PeerReference OUT_DIR}: writes
 * {@code OUT_DIR/reference.json} and {@code OUT_DIR/uniforms.f64} (little-endian doubles, batches in the order of
 * {@code dice.batches} in the JSON, each B x T x 2 with agent 1's uniform first at every move).
 */
public final class PeerReference {

    private PeerReference() {
    }

    /** Writes the reference document to the path given as the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PeerReference OUT_DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        double[] theta1 = PeerInputs.theta1();
        double[] theta2 = PeerInputs.theta2();
        double[] v = PeerInputs.direction();
        IteratedGame game = PeerInputs.game();
        root.put("game", game.game().name());
        root.put("gamma", PeerInputs.GAMMA);
        root.put("eta", PeerInputs.ETA);
        root.set("theta1", array(mapper, theta1));
        root.set("theta2", array(mapper, theta2));
        root.set("v", array(mapper, v));
        root.set("reward1", array(mapper, game.game().outcomeRewards(0)));
        root.set("reward2", array(mapper, game.game().outcomeRewards(1)));

        // Exact value, gradient and Hessian-vector product of V1 (and the values of both agents).
        ExactEvaluator exact = game.newEvaluator();
        exact.setPoint(theta1, theta2);
        ObjectNode exactNode = root.putObject("exact");
        exactNode.set("value", array(mapper, new double[] {exact.value(0), exact.value(1)}));
        double[] g = new double[exact.dimension()];
        exact.gradient(0, g);
        exactNode.set("gradient1", array(mapper, g));
        double[] hv = new double[exact.dimension()];
        exact.hessianVectorProduct(0, v, hv);
        exactNode.set("hvp1", array(mapper, hv));

        // Exact LOLA-K directions of both agents.
        ObjectNode lola = root.putObject("lola");
        for (int k : new int[] {1, 10}) {
            LookaheadLola rule = LookaheadLola.exact(k, PeerInputs.ETA);
            ObjectNode node = lola.putObject(Integer.toString(k));
            node.set("direction1", array(mapper, direction(rule, game, 0, theta1, theta2, PeerInputs.key(0))));
            node.set("direction2", array(mapper, direction(rule, game, 1, theta1, theta2, PeerInputs.key(0))));
        }

        // LOLA-DiCE K = 1, update 0: the batches' streams, their uniforms and both directions.
        UpdateKey key = PeerInputs.key(0);
        ObjectNode dice = root.putObject("dice");
        dice.put("agent", PeerInputs.DICE_AGENT);
        dice.put("batch", PeerInputs.BATCH);
        dice.put("horizon", PeerInputs.HORIZON);
        dice.put("seed", key.seed());
        ArrayNode batches = dice.putArray("batches");
        long[] streams = new long[4];
        int b = 0;
        for (int agent = 0; agent < 2; agent++) {
            for (StreamIndex.Part part : new StreamIndex.Part[] {StreamIndex.Part.INNER, StreamIndex.Part.OUTER}) {
                long stream = StreamIndex.of(key.run(), key.update(), agent, part, 0);
                streams[b++] = stream;
                ObjectNode entry = batches.addObject();
                entry.put("learner", agent);
                entry.put("part", part.name().toLowerCase(Locale.ROOT));
                entry.put("stream", stream);
            }
        }
        writeUniforms(dir.resolve("uniforms.f64"), key.seed(), streams);
        LearningRule diceRule = PeerInputs.diceRule();
        dice.put("rule", diceRule.describe());
        dice.set("direction1", array(mapper, direction(diceRule, game, 0, theta1, theta2, key)));
        dice.set("direction2", array(mapper, direction(diceRule, game, 1, theta1, theta2, key)));

        // The closed-form DiCE and LVC estimates on one fixed batch: learner 1's lookahead batch (batch 0 above).
        ObjectNode fixed = dice.putObject("fixed_batch");
        fixed.put("batch_index", 0);
        for (Surrogate surrogate : Surrogates.all()) {
            GradientEstimator est = new SampledEstimatorSpec(surrogate, PeerInputs.BATCH, PeerInputs.HORIZON,
                    BaselineKind.MEAN, 0, Double.POSITIVE_INFINITY).create(game);
            est.setPoint(game.layout().join(theta1, theta2), key.seed(), streams[0]);
            ObjectNode node = fixed.putObject(surrogate.name());
            double[] out = new double[est.dimension()];
            est.gradient(1, out);
            node.set("gradient2", array(mapper, out));
            est.hessianVectorProduct(1, v, out);
            node.set("hvp2", array(mapper, out));
        }

        // MAML-RL: the exact meta-gradient of V(theta_K) in theta_0 on the paper's kind of MDP.
        TabularMdp mdp = PeerInputs.mamlMdp();
        ObjectNode maml = root.putObject("maml");
        maml.put("gamma", PeerInputs.MAML_GAMMA);
        maml.put("k", PeerInputs.MAML_STEPS);
        maml.put("alpha", PeerInputs.MAML_ALPHA);
        maml.set("transitions", mapper.valueToTree(mdp.transitionTable()));
        maml.set("rewards", mapper.valueToTree(mdp.rewardTable()));
        maml.set("start", array(mapper, mdp.startDistribution()));
        double[] theta0 = PeerInputs.mamlTheta0();
        maml.set("theta0", array(mapper, theta0));
        MamlMetaGradient meta = new MamlMetaGradient(mdp.problem(PeerInputs.MAML_GAMMA, 0), PeerInputs.MAML_STEPS,
                PeerInputs.MAML_ALPHA);
        double[] metaGradient = new double[meta.dimension()];
        maml.put("objective", meta.compute(theta0, metaGradient));
        maml.set("metaGradient", array(mapper, metaGradient));

        Path json = dir.resolve("reference.json");
        Path tmp = dir.resolve("reference.json.tmp");
        mapper.writeValue(tmp.toFile(), root);
        Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static double[] direction(LearningRule rule, IteratedGame game, int agent, double[] theta1,
                                      double[] theta2, UpdateKey key) {
        Learner learner = rule.newLearner(game, agent);
        double[] out = new double[game.dimension(agent)];
        learner.direction(game.layout().join(theta1, theta2), key, out);
        return out;
    }

    /** The uniforms TrajectorySampler draws: per batch, per trajectory b the stream (seed, stream, b), 2 per move. */
    private static void writeUniforms(Path file, long seed, long[] streams) throws IOException {
        int perBatch = PeerInputs.BATCH * PeerInputs.HORIZON * 2;
        ByteBuffer buffer = ByteBuffer.allocate(streams.length * perBatch * Double.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        PhiloxStream random = new PhiloxStream();
        for (long stream : streams) {
            for (int b = 0; b < PeerInputs.BATCH; b++) {
                random.reset(seed, stream, b);
                for (int i = 0; i < 2 * PeerInputs.HORIZON; i++) {
                    buffer.putDouble(random.nextDouble());
                }
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, buffer.array());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static ArrayNode array(ObjectMapper mapper, double[] values) {
        ArrayNode node = mapper.createArrayNode();
        for (double x : values) {
            node.add(x);
        }
        return node;
    }
}
