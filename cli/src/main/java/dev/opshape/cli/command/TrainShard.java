package dev.opshape.cli.command;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.opshape.shaping.analysis.PolicyOutcome;
import dev.opshape.shaping.training.DirectionAgreement;
import dev.opshape.shaping.training.EffectiveSampleSizes;
import dev.opshape.shaping.training.RunResult;
import dev.opshape.shaping.training.TrainingCurve;

import java.util.ArrayList;
import java.util.List;

/**
 * One shard of a training experiment, as {@code opshape train --shard I/N --out FILE} writes it and
 * {@code opshape merge} reads it (schema {@value #SCHEMA}); the layout and the checksum are those of
 * {@link TournamentShard}, with one entry per run: its final logits and outcome, its curve and, with
 * {@code --compare-exact}, its agreement with the exact directions.
 *
 * @param schema   {@value #SCHEMA}
 * @param version  opshape's version
 * @param args     the experiment's command line, from {@code train} on
 * @param shard    this shard, 1 .. shards
 * @param shards   N
 * @param runs     the experiment's number of runs
 * @param results  this shard's runs, by run index
 * @param checksum SHA-256 (hex) of the document with this field empty
 */
@JsonPropertyOrder({"schema", "version", "args", "shard", "shards", "runs", "results", "checksum"})
public record TrainShard(String schema, String version, List<String> args, int shard, int shards, int runs,
                         List<Result> results, String checksum) implements ShardDocument {

    /** Schema name of the shard document. */
    public static final String SCHEMA = "opshape-train-shard/1";

    /** The study's {@link #runs()}. */
    @Override
    @JsonIgnore
    public int units() {
        return runs;
    }

    /** One run (see {@link RunResult}). */
    public record Result(int run, double[] theta1, double[] theta2, TournamentShard.Run outcome, double[][] curve,
                         double[][] agreement, double[][] effectiveSampleSizes) {

        static Result of(RunResult r) {
            TrainingCurve c = r.curve();
            DirectionAgreement a = r.agreement();
            EffectiveSampleSizes e = r.effectiveSampleSizes();
            return new Result(r.run(), r.theta1(), r.theta2(), TournamentShard.Run.ofOutcome(r.outcome()),
                    new double[][] {c.avgReward1(), c.avgReward2(), c.pCoop1(), c.pCoop2()},
                    a == null ? null : new double[][] {a.corr1(), a.corr2(), a.cosine1(), a.cosine2()},
                    e == null ? null : new double[][] {e.ess1(), e.ess2()});
        }

        RunResult toResult() {
            PolicyOutcome o = outcome.policyOutcome();
            DirectionAgreement a = agreement == null ? null
                    : new DirectionAgreement(agreement[0], agreement[1], agreement[2], agreement[3]);
            EffectiveSampleSizes e = effectiveSampleSizes == null ? null
                    : new EffectiveSampleSizes(effectiveSampleSizes[0], effectiveSampleSizes[1]);
            return new RunResult(run, theta1, theta2, o, new TrainingCurve(curve[0], curve[1], curve[2], curve[3]),
                    a, e);
        }
    }

    /** The shard's document, checksummed. */
    static String write(String version, List<String> args, int shard, int shards, int runs, List<RunResult> played) {
        List<Result> results = new ArrayList<>(played.size());
        for (RunResult r : played) {
            results.add(Result.of(r));
        }
        TrainShard unsigned = new TrainShard(SCHEMA, version, List.copyOf(args), shard, shards, runs, results, "");
        String checksum = ShardFiles.sha256(ShardFiles.json(unsigned));
        return ShardFiles.json(new TrainShard(SCHEMA, version, unsigned.args(), shard, shards, runs, results,
                checksum));
    }

    /**
     * Parses and verifies a shard document.
     *
     * @throws IllegalArgumentException (one line) for a document that is not a training shard, or whose checksum
     *                                  does not match its content
     */
    static TrainShard read(byte[] document, String origin) {
        TrainShard shard = ShardFiles.parse(document, origin, TrainShard.class);
        if (shard.checksum() == null || shard.args() == null || shard.results() == null) {
            throw new IllegalArgumentException(origin + " lacks its checksum, command line or results");
        }
        String expected = ShardFiles.sha256(ShardFiles.json(new TrainShard(shard.schema(), shard.version(),
                shard.args(), shard.shard(), shard.shards(), shard.runs(), shard.results(), "")));
        if (!expected.equals(shard.checksum())) {
            throw new IllegalArgumentException(origin + " does not match its checksum: it was truncated or edited");
        }
        return shard;
    }
}
