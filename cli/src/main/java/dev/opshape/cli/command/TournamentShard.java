package dev.opshape.cli.command;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.opshape.shaping.analysis.OutcomeLabel;
import dev.opshape.shaping.analysis.PolicyOutcome;
import dev.opshape.shaping.tournament.Pairing;
import dev.opshape.shaping.tournament.RunOutcome;
import dev.opshape.shaping.tournament.TournamentConfig;
import dev.opshape.shaping.training.TrainingCurve;

import java.util.ArrayList;
import java.util.List;

/**
 * One shard of a tournament, as {@code opshape tournament --shard I/N --out FILE} writes it and {@code opshape merge}
 * reads it (schema {@value #SCHEMA}): the command line of the whole tournament (without {@code --shard} and
 * {@code --out}), the version that played it, which shard of how many, and the raw outcome of each of its runs
 * (every number a merge needs to compute what the unsharded command prints), with a SHA-256 checksum of the rest so
 * that a truncated or edited file is refused.
 *
 * @param schema   {@value #SCHEMA}
 * @param version  opshape's version
 * @param args     the tournament's command line, from {@code tournament} on
 * @param shard    this shard, 1 .. shards
 * @param shards   N
 * @param runs     the tournament's number of runs
 * @param outcomes this shard's runs, in streaming order
 * @param checksum SHA-256 (hex) of the document with this field empty
 */
@JsonPropertyOrder({"schema", "version", "args", "shard", "shards", "runs", "outcomes", "checksum"})
public record TournamentShard(String schema, String version, List<String> args, int shard, int shards, int runs,
                              List<Run> outcomes, String checksum) implements ShardDocument {

    /** Schema name of the shard document. */
    public static final String SCHEMA = "opshape-tournament-shard/1";

    /** The study's {@link #runs()}. */
    @Override
    @JsonIgnore
    public int units() {
        return runs;
    }


    /**
     * One run's outcome (see {@link RunOutcome} and {@link PolicyOutcome}); {@code curve} is null unless the
     * tournament recorded learning curves.
     */
    public record Run(int sequence, int pairing, int repetition, int run, double[] theta1, double[] theta2,
                      double value1, double value2, double avgReward1, double avgReward2, double pCoop1,
                      double pCoop2, double[] policy1, double[] policy2, String label, double[] jointOutcomes,
                      double[][] curve) {

        static Run of(RunOutcome r) {
            PolicyOutcome o = r.outcome();
            TrainingCurve c = r.curve();
            double[][] curve = c == null ? null : new double[][] {c.avgReward1(), c.avgReward2(), c.pCoop1(),
                c.pCoop2()};
            return new Run(r.sequence(), r.pairing().index(), r.repetition(), r.run(), r.theta1(), r.theta2(),
                    o.value1(), o.value2(), o.avgReward1(), o.avgReward2(), o.pCoop1(), o.pCoop2(), o.policy1(),
                    o.policy2(), o.label().display(), o.outcomes(), curve);
        }

        /** An outcome alone (a training run's), with the run fields 0. */
        static Run ofOutcome(PolicyOutcome o) {
            return new Run(0, 0, 0, 0, null, null, o.value1(), o.value2(), o.avgReward1(), o.avgReward2(), o.pCoop1(),
                    o.pCoop2(), o.policy1(), o.policy2(), o.label().display(), o.outcomes(), null);
        }

        /** The policy outcome this entry holds. */
        PolicyOutcome policyOutcome() {
            OutcomeLabel outcomeLabel = null;
            for (OutcomeLabel l : OutcomeLabel.values()) {
                if (l.display().equals(label)) {
                    outcomeLabel = l;
                }
            }
            if (outcomeLabel == null) {
                throw new IllegalArgumentException("an outcome has the unknown label '" + label + "'");
            }
            return new PolicyOutcome(value1, value2, avgReward1, avgReward2, pCoop1, pCoop2, policy1, policy2,
                    outcomeLabel, jointOutcomes);
        }

        /** The run outcome in the given tournament (its pairing looked up by index). */
        RunOutcome toOutcome(TournamentConfig config) {
            Pairing p = config.pairings().get(pairing);
            TrainingCurve c = curve == null ? null : new TrainingCurve(curve[0], curve[1], curve[2], curve[3]);
            return new RunOutcome(sequence, p, repetition, run, theta1, theta2, policyOutcome(), c);
        }
    }

    /** The shard's document, checksummed. */
    static String write(String version, List<String> args, int shard, int shards, int runs, List<RunOutcome> played) {
        List<Run> outcomes = new ArrayList<>(played.size());
        for (RunOutcome r : played) {
            outcomes.add(Run.of(r));
        }
        TournamentShard unsigned = new TournamentShard(SCHEMA, version, List.copyOf(args), shard, shards, runs,
                outcomes, "");
        String checksum = ShardFiles.sha256(ShardFiles.json(unsigned));
        return ShardFiles.json(new TournamentShard(SCHEMA, version, unsigned.args(), shard, shards, runs, outcomes,
                checksum));
    }

    /**
     * Parses and verifies a shard document.
     *
     * @throws IllegalArgumentException (one line) for a document that is not a shard, or whose checksum does not
     *                                  match its content (truncated or edited)
     */
    static TournamentShard read(byte[] document, String origin) {
        TournamentShard shard = ShardFiles.parse(document, origin, TournamentShard.class);
        if (!SCHEMA.equals(shard.schema())) {
            throw new IllegalArgumentException(origin + " has schema '" + shard.schema() + "', not " + SCHEMA);
        }
        if (shard.checksum() == null || shard.args() == null || shard.outcomes() == null) {
            throw new IllegalArgumentException(origin + " lacks its checksum, command line or outcomes");
        }
        String expected = ShardFiles.sha256(ShardFiles.json(new TournamentShard(shard.schema(), shard.version(),
                shard.args(), shard.shard(), shard.shards(), shard.runs(), shard.outcomes(), "")));
        if (!expected.equals(shard.checksum())) {
            throw new IllegalArgumentException(origin + " does not match its checksum: it was truncated or edited");
        }
        return shard;
    }
}
