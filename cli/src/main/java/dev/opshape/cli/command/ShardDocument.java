package dev.opshape.cli.command;

import java.util.List;

/**
 * What every shard file states about itself, whatever its units (tournament runs, training runs, bias rows), so that
 * {@code opshape merge} checks a set of shards in one way: same version, same command line and number of shards,
 * each shard once.
 */
interface ShardDocument {

    /** The document's schema name. */
    String schema();

    /** The opshape version that wrote it. */
    String version();

    /** The study's command line, from the subcommand on, without --shard and --out. */
    List<String> args();

    /** This shard, 1 .. {@link #shards()}. */
    int shard();

    /** N. */
    int shards();

    /** The number of work units of the whole study. */
    int units();
}
