package dev.opshape.cli.command;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.opshape.shaping.bias.BiasRow;

import java.util.List;

/**
 * One shard of a bias study, as {@code opshape bias --shard I/N --out FILE} writes it and {@code opshape merge} reads
 * it (schema {@value #SCHEMA}); the layout and the checksum are those of {@link TournamentShard}, with one entry per
 * row (point x configuration, point-major): its statistics, effective sample size and theory.
 *
 * @param schema   {@value #SCHEMA}
 * @param version  opshape's version
 * @param args     the study's command line, from {@code bias} on
 * @param shard    this shard, 1 .. shards
 * @param shards   N
 * @param rows     the study's number of rows
 * @param results  this shard's rows (row r = point x configurations + configuration, r mod N = shard - 1)
 * @param checksum SHA-256 (hex) of the document with this field empty
 */
@JsonPropertyOrder({"schema", "version", "args", "shard", "shards", "rows", "results", "checksum"})
public record BiasShard(String schema, String version, List<String> args, int shard, int shards, int rows,
                        List<BiasRow> results, String checksum) implements ShardDocument {

    /** Schema name of the shard document. */
    public static final String SCHEMA = "opshape-bias-shard/1";

    /** The study's {@link #rows()}. */
    @Override
    @JsonIgnore
    public int units() {
        return rows;
    }

    /** The shard's document, checksummed. */
    static String write(String version, List<String> args, int shard, int shards, int rows, List<BiasRow> played) {
        BiasShard unsigned = new BiasShard(SCHEMA, version, List.copyOf(args), shard, shards, rows,
                List.copyOf(played), "");
        String checksum = ShardFiles.sha256(ShardFiles.json(unsigned));
        return ShardFiles.json(new BiasShard(SCHEMA, version, unsigned.args(), shard, shards, rows,
                unsigned.results(), checksum));
    }

    /**
     * Parses and verifies a shard document.
     *
     * @throws IllegalArgumentException (one line) for a document that is not a bias shard, or whose checksum does
     *                                  not match its content
     */
    static BiasShard read(byte[] document, String origin) {
        BiasShard shard = ShardFiles.parse(document, origin, BiasShard.class);
        if (shard.checksum() == null || shard.args() == null || shard.results() == null) {
            throw new IllegalArgumentException(origin + " lacks its checksum, command line or results");
        }
        String expected = ShardFiles.sha256(ShardFiles.json(new BiasShard(shard.schema(), shard.version(),
                shard.args(), shard.shard(), shard.shards(), shard.rows(), shard.results(), "")));
        if (!expected.equals(shard.checksum())) {
            throw new IllegalArgumentException(origin + " does not match its checksum: it was truncated or edited");
        }
        return shard;
    }
}
