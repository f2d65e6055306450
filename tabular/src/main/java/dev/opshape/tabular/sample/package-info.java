/**
 * Sampling trajectories of tabular problems for the sampled estimators (DiCE, LVC, ...).
 *
 * <ul>
 *   <li>{@link dev.opshape.tabular.sample.PhiloxStream}: commons-rng's PHILOX_4X64 stream, re-keyable without
 *       allocation; trajectory b of stream (seed, stream) is
 *       {@code new Philox4x64(new long[] {seed, stream, 0, 0, b, lane})}.</li>
 *   <li>{@link dev.opshape.tabular.sample.TrajectoryBatch}: caller-owned primitive storage, index b * T + t.</li>
 *   <li>{@link dev.opshape.tabular.sample.TrajectorySampler}: fills trajectories of a batch from the joint logits;
 *       one uniform per player and step, inverse CDF; no allocation per call.</li>
 *   <li>{@link dev.opshape.tabular.sample.ParallelTrajectorySampler}: the same batch, drawn by several threads.</li>
 * </ul>
 *
 * <p>The output of trajectory b depends only on the problem, the logits, (seed, stream), b and T: never on the batch
 * size, the order in which ranges are filled, or the number of threads.
 */
package dev.opshape.tabular.sample;
