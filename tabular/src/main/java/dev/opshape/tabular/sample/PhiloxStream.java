package dev.opshape.tabular.sample;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A re-keyable, allocation-free view on commons-rng's {@code Philox4x64} stream: for the same key and counter it
 * returns bit for bit the same {@link #nextLong()} and {@link #nextDouble()} sequence as
 * {@code new org.apache.commons.rng.core.source64.Philox4x64(new long[] {key0, key1, c0, c1, c2, c3})}
 * (commons-rng 1.7), which is also what {@code RandomSource.PHILOX_4X64.create(...)} builds from the same six words.
 * The tests prove the identity on many keys, counters and lengths, including counter-word carries.
 *
 * <h2>Why it exists</h2>
 * Every random draw of the suite comes from PHILOX_4X64 keyed by (master seed, stream index), one counter range per
 * trajectory, so that results do not depend on the thread count or on how a batch is split. A sampler therefore
 * re-keys its generator once per trajectory; commons-rng's generator can only be re-keyed by constructing a new
 * object (with its seed array and its own output buffer) or by restoring a saved state object, either of which
 * allocates on the hot path of every sampled estimator (about 48 bytes per trajectory in the JMH benchmark). This
 * class holds the same state in plain fields and {@link #setState re-keys in place}. It is not a new generator: it
 * is commons-rng's stream definition, so anyone can reproduce our streams with commons-rng alone.
 *
 * <h2>Keying scheme</h2>
 * {@link #reset(long, long, long) reset(seed, stream, trajectory)} positions the stream at
 * {@code Philox4x64(new long[] {seed, stream, 0, 0, trajectory, 0})}: key words (seed, stream), counter word 2 =
 * trajectory, the other counter words 0. Equivalently it is {@code RandomSource.PHILOX_4X64.create(new long[]
 * {seed, stream})} after {@code trajectory} calls of {@code jump()} (each jump adds 1 to counter word 2). A trajectory
 * advances the 128-bit counter held by words 0 and 1 by one per block of four 64-bit outputs, so it can draw
 * 4 * (2^128 - 1), about 2^130, values before its counter could carry into the range of trajectory + 1; the
 * (seed, stream) key separates streams entirely. Counter word 3 names a <em>lane</em> of the trajectory
 * ({@link #reset(long, long, long, long)}; 0 by default): lanes of one trajectory are disjoint counter ranges too,
 * so a trajectory can draw a second, independent sequence (the sampler's trembling-hand noise uses lane
 * {@code TrajectorySampler.NOISE_LANE}) without shifting its first one.
 *
 * <h2>Algorithm</h2>
 * Philox4x64-10 (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a
 * 256-bit counter is encrypted by 10 rounds of two 64 x 64 -&gt; 128-bit multiplications and a word permutation,
 * with a Weyl-sequence key schedule; the four output words are returned in order. As in commons-rng, the counter is
 * incremented (with carry across the four words, low word first) <em>before</em> each block is generated, so the
 * first block after {@code setState(..., c0, c1, c2, c3)} is the encryption of counter (c0 + 1, c1, c2, c3).
 *
 * <p>Not thread-safe: one instance per thread. Nothing is allocated after construction.
 */
public final class PhiloxStream implements UniformRandomProvider {

    // Round multipliers and key-schedule (Weyl) increments of Philox4x64, as published by Salmon et al. (2011) and
    // used by their Random123 library and by commons-rng.
    private static final long MULTIPLIER_0 = 0xD2E7470EE14C6C93L;
    private static final long MULTIPLIER_1 = 0xCA5A826395121157L;
    private static final long KEY_INCREMENT_0 = 0x9E3779B97F4A7C15L;
    private static final long KEY_INCREMENT_1 = 0xBB67AE8584CAA73BL;
    private static final int BLOCK_SIZE = 4;
    /** 2^-53: a 53-bit integer times this is a double in [0, 1) with every value exactly representable. */
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long key0;
    private long key1;
    private long counter0;
    private long counter1;
    private long counter2;
    private long counter3;
    /** The current output block, returned in order block[0] .. block[3]. */
    private final long[] block = new long[BLOCK_SIZE];
    /** Index in [0, 4] of the next output word of the current block; 4 = a new block is due. */
    private int position;

    /** A stream positioned at key (0, 0), counter 0, trajectory 0: call {@link #reset} or {@link #setState}. */
    public PhiloxStream() {
        setState(0, 0, 0, 0, 0, 0);
    }

    /**
     * Positions the stream at the start of trajectory {@code trajectory} of stream {@code stream} under master seed
     * {@code seed}: key (seed, stream), counter (0, 0, trajectory, 0). See the class comment for the scheme and its
     * commons-rng equivalent.
     *
     * @param seed       master seed (key word 0), any value
     * @param stream     stream index (key word 1), any value
     * @param trajectory trajectory index (counter word 2), read as an unsigned 64-bit number
     */
    public void reset(long seed, long stream, long trajectory) {
        setState(seed, stream, 0, 0, trajectory, 0);
    }

    /**
     * Positions the stream at the start of lane {@code lane} of a trajectory: key (seed, stream), counter
     * (0, 0, trajectory, lane), the commons-rng stream {@code new Philox4x64(new long[] {seed, stream, 0, 0,
     * trajectory, lane})}. Lane 0 is {@link #reset(long, long, long)}; another lane is a separate sequence that no
     * draw of lane 0 can reach (it would take 2^192 blocks to carry into counter word 3).
     *
     * @param lane counter word 3, read as an unsigned 64-bit number
     */
    public void reset(long seed, long stream, long trajectory, long lane) {
        setState(seed, stream, 0, 0, trajectory, lane);
    }

    /**
     * Positions the stream exactly where {@code new Philox4x64(new long[] {key0, key1, counter0, counter1, counter2,
     * counter3})} starts: its next output is the first word of the block of counter (counter0 + 1, ...), counting
     * with carry. Mutates only this stream.
     */
    public void setState(long key0, long key1, long counter0, long counter1, long counter2, long counter3) {
        this.key0 = key0;
        this.key1 = key1;
        this.counter0 = counter0;
        this.counter1 = counter1;
        this.counter2 = counter2;
        this.counter3 = counter3;
        this.position = BLOCK_SIZE;
    }

    /** The next 64 uniformly distributed bits, identical to commons-rng's {@code Philox4x64.nextLong()}. */
    @Override
    public long nextLong() {
        if (position == BLOCK_SIZE) {
            incrementCounter();
            encrypt(counter0, counter1, counter2, counter3, key0, key1, block, 0);
            position = 0;
        }
        return block[position++];
    }

    /**
     * A uniform double in [0, 1): the top 53 bits of {@link #nextLong()} times 2^-53, as commons-rng's
     * {@code UniformRandomProvider.nextDouble()} builds it, so the result is identical.
     */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /**
     * Writes the next {@code count} outputs of {@link #nextLong()} into {@code out[offset .. offset + count)}: the
     * same words, and the stream left in the same state, as {@code count} calls of nextLong().
     *
     * <p>Why it exists: a block is ten dependent rounds of multiplications, so one block at a time (as nextLong()
     * produces them, interleaved with the caller's work) runs at the latency of that chain. Here the whole blocks
     * are encrypted in a loop whose iterations are independent (only the counter links them), so the processor
     * overlaps several blocks and runs at the throughput of the multipliers instead (about twice as fast per word
     * in the sampler's benchmarks). Allocates nothing.
     */
    public void nextLongs(long[] out, int offset, int count) {
        int i = offset;
        int end = offset + count;
        // The rest of the current block first, so that the sequence continues where nextLong() left it.
        while (position < BLOCK_SIZE && i < end) {
            out[i++] = block[position++];
        }
        while (end - i >= BLOCK_SIZE) {
            incrementCounter();
            encrypt(counter0, counter1, counter2, counter3, key0, key1, out, i);
            i += BLOCK_SIZE;
        }
        if (i < end) {
            // A partial block: keep its unread words for the next call.
            incrementCounter();
            encrypt(counter0, counter1, counter2, counter3, key0, key1, block, 0);
            position = 0;
            while (i < end) {
                out[i++] = block[position++];
            }
        }
    }

    /** Adds 1 to the 256-bit counter, low word first, carrying into the next word on wrap-around. */
    private void incrementCounter() {
        if (++counter0 != 0) {
            return;
        }
        if (++counter1 != 0) {
            return;
        }
        if (++counter2 != 0) {
            return;
        }
        ++counter3;
    }

    /**
     * Encrypts the counter (x0, x1, x2, x3) under the key (k0, k1) into out[offset .. offset + 4): 10 Philox rounds,
     * each two 64 x 64 -&gt; 128-bit products of words 0 and 2 with the round multipliers, the high halves xored with
     * words 1 and 3 and the round key, and the words permuted; the key is bumped by the Weyl increments between
     * rounds.
     */
    private static void encrypt(long x0, long x1, long x2, long x3, long k0, long k1, long[] out, int offset) {
        // Written out round by round: HotSpot C2 (JDK 17) does not fully unroll a 10-trip loop with this body; the
        // loop form measured about 20% slower per draw. A block is bound by the latency of its chain of rounds
        // (each: high product, one addition, one xor), so the key is xored into the other operand first: (x1 ^ k0)
        // is ready before the product, which takes the xor off the chain (about 10% faster per block).
        { // round 1
            long low0 = MULTIPLIER_0 * x0;
            long high0 = unsignedMultiplyHigh(MULTIPLIER_0, x0);
            long low1 = MULTIPLIER_1 * x2;
            long high1 = unsignedMultiplyHigh(MULTIPLIER_1, x2);
            x0 = high1 ^ (x1 ^ k0);
            x1 = low1;
            x2 = high0 ^ (x3 ^ k1);
            x3 = low0;
            k0 += KEY_INCREMENT_0;
            k1 += KEY_INCREMENT_1;
        }
        { // round 2
            long low0 = MULTIPLIER_0 * x0;
            long high0 = unsignedMultiplyHigh(MULTIPLIER_0, x0);
            long low1 = MULTIPLIER_1 * x2;
            long high1 = unsignedMultiplyHigh(MULTIPLIER_1, x2);
            x0 = high1 ^ (x1 ^ k0);
            x1 = low1;
            x2 = high0 ^ (x3 ^ k1);
            x3 = low0;
            k0 += KEY_INCREMENT_0;
            k1 += KEY_INCREMENT_1;
        }
        { // round 3
            long low0 = MULTIPLIER_0 * x0;
            long high0 = unsignedMultiplyHigh(MULTIPLIER_0, x0);
            long low1 = MULTIPLIER_1 * x2;
            long high1 = unsignedMultiplyHigh(MULTIPLIER_1, x2);
            x0 = high1 ^ (x1 ^ k0);
            x1 = low1;
            x2 = high0 ^ (x3 ^ k1);
            x3 = low0;
            k0 += KEY_INCREMENT_0;
            k1 += KEY_INCREMENT_1;
        }
        { // round 4
            long low0 = MULTIPLIER_0 * x0;
            long high0 = unsignedMultiplyHigh(MULTIPLIER_0, x0);
            long low1 = MULTIPLIER_1 * x2;
            long high1 = unsignedMultiplyHigh(MULTIPLIER_1, x2);
            x0 = high1 ^ (x1 ^ k0);
            x1 = low1;
            x2 = high0 ^ (x3 ^ k1);
            x3 = low0;
            k0 += KEY_INCREMENT_0;
            k1 += KEY_INCREMENT_1;
        }
        { // round 5
            long low0 = MULTIPLIER_0 * x0;
            long high0 = unsignedMultiplyHigh(MULTIPLIER_0, x0);
            long low1 = MULTIPLIER_1 * x2;
            long high1 = unsignedMultiplyHigh(MULTIPLIER_1, x2);
            x0 = high1 ^ (x1 ^ k0);
            x1 = low1;
            x2 = high0 ^ (x3 ^ k1);
            x3 = low0;
            k0 += KEY_INCREMENT_0;
            k1 += KEY_INCREMENT_1;
        }
        { // round 6
            long low0 = MULTIPLIER_0 * x0;
            long high0 = unsignedMultiplyHigh(MULTIPLIER_0, x0);
            long low1 = MULTIPLIER_1 * x2;
            long high1 = unsignedMultiplyHigh(MULTIPLIER_1, x2);
            x0 = high1 ^ (x1 ^ k0);
            x1 = low1;
            x2 = high0 ^ (x3 ^ k1);
            x3 = low0;
            k0 += KEY_INCREMENT_0;
            k1 += KEY_INCREMENT_1;
        }
        { // round 7
            long low0 = MULTIPLIER_0 * x0;
            long high0 = unsignedMultiplyHigh(MULTIPLIER_0, x0);
            long low1 = MULTIPLIER_1 * x2;
            long high1 = unsignedMultiplyHigh(MULTIPLIER_1, x2);
            x0 = high1 ^ (x1 ^ k0);
            x1 = low1;
            x2 = high0 ^ (x3 ^ k1);
            x3 = low0;
            k0 += KEY_INCREMENT_0;
            k1 += KEY_INCREMENT_1;
        }
        { // round 8
            long low0 = MULTIPLIER_0 * x0;
            long high0 = unsignedMultiplyHigh(MULTIPLIER_0, x0);
            long low1 = MULTIPLIER_1 * x2;
            long high1 = unsignedMultiplyHigh(MULTIPLIER_1, x2);
            x0 = high1 ^ (x1 ^ k0);
            x1 = low1;
            x2 = high0 ^ (x3 ^ k1);
            x3 = low0;
            k0 += KEY_INCREMENT_0;
            k1 += KEY_INCREMENT_1;
        }
        { // round 9
            long low0 = MULTIPLIER_0 * x0;
            long high0 = unsignedMultiplyHigh(MULTIPLIER_0, x0);
            long low1 = MULTIPLIER_1 * x2;
            long high1 = unsignedMultiplyHigh(MULTIPLIER_1, x2);
            x0 = high1 ^ (x1 ^ k0);
            x1 = low1;
            x2 = high0 ^ (x3 ^ k1);
            x3 = low0;
            k0 += KEY_INCREMENT_0;
            k1 += KEY_INCREMENT_1;
        }
        { // round 10
            long low0 = MULTIPLIER_0 * x0;
            long high0 = unsignedMultiplyHigh(MULTIPLIER_0, x0);
            long low1 = MULTIPLIER_1 * x2;
            long high1 = unsignedMultiplyHigh(MULTIPLIER_1, x2);
            x0 = high1 ^ (x1 ^ k0);
            x1 = low1;
            x2 = high0 ^ (x3 ^ k1);
            x3 = low0;
        }
        out[offset] = x0;
        out[offset + 1] = x1;
        out[offset + 2] = x2;
        out[offset + 3] = x3;
    }

    /**
     * The high 64 bits of the unsigned 128-bit product a * b. Java 17 has only the signed {@link Math#multiplyHigh};
     * an operand with its top bit set is read as x - 2^64 there, so adding the other operand back once per such
     * operand gives the unsigned result (mod 2^64). The two corrections are summed first, in parallel with the
     * multiplication, so that only one addition follows it on the rounds' dependency chain.
     */
    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + (((a >> 63) & b) + ((b >> 63) & a));
    }
}
