package dev.opshape.shaping.population;

import dev.opshape.shaping.statistics.MeanEstimate;
import dev.opshape.tabular.sample.PhiloxStream;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.util.Arrays;
import java.util.List;

/**
 * The Moran process in a well-mixed population of N individuals of n types, played on a payoff matrix: a[i][j] is
 * the payoff of an individual of type i against one of type j (for a tournament, the row agent's mean average
 * reward per move against the column agent). Each individual meets every other one once (no self-interaction): with
 * counts k_1..k_n, type i's payoff is pi_i = (sum_j k_j a[i][j] - a[i][i]) / (N - 1), and its fitness
 * {@link FitnessMap#fitness f(pi_i)}. One step: an individual is chosen to reproduce with probability proportional
 * to its fitness, its offspring (of its type, or with probability mu of a uniformly chosen other type) replaces an
 * individual chosen uniformly at random.
 *
 * <p>Exact results (Nowak, Sasaki, Taylor and Fudenberg 2004, "Emergence of cooperation and evolutionary
 * stability in finite populations", Nature 428; Nowak 2006, "Evolutionary Dynamics", eq. 6.13): without mutation,
 * one individual of type i among N - 1 of type j fixes with probability
 * <pre>
 *   rho_ij = 1 / (1 + sum_{k=1}^{N-1} prod_{m=1}^{k} g_m / f_m),
 *   f_m = f((a[i][i] (m - 1) + a[i][j] (N - m)) / (N - 1)),   g_m = f((a[j][i] m + a[j][j] (N - m - 1)) / (N - 1)),
 * </pre>
 * with m individuals of type i (neutral drift gives 1/N). With rare mutations the population is almost always
 * monomorphic and moves from all-j to all-i at rate proportional to rho_ij / (n - 1) (Fudenberg and Imhof 2006,
 * "Imitation processes with small mutations", J. Econ. Theory 131): the stationary distribution of that chain,
 * {@link #rareMutationDistribution()}, is the long-run share of each type as mu tends to 0.
 *
 * <p>Simulations draw from {@link PhiloxStream} keyed by (seed, stream, replicate), so every estimate is
 * reproducible and independent of threads. Instances are immutable.
 */
public final class MoranProcess {

    /** Largest population: the closed form multiplies N - 1 ratios, and a simulation step costs O(n). */
    public static final int MAX_POPULATION = 1_000_000;

    private static final long FIXATION_STREAM = 0x4d4f52414eL;
    private static final long STATIONARY_STREAM = 0x53544154L;

    private final double[][] payoff;
    private final int population;
    private final double w;
    private final FitnessMap map;

    /**
     * @param payoff     n x n payoffs (copied), n &gt;= 2, finite
     * @param population N, 2 &lt;= N &lt;= {@link #MAX_POPULATION}
     * @param w          intensity of selection: in [0, 1] for the linear map, &gt;= 0 and finite for the exponential
     * @param map        the fitness map
     * @throws IllegalArgumentException naming the bad value, including a linear fitness that is not positive
     */
    public MoranProcess(double[][] payoff, int population, double w, FitnessMap map) {
        int n = payoff.length;
        if (n < 2) {
            throw new IllegalArgumentException("a Moran process needs at least 2 types; got " + n);
        }
        this.payoff = new double[n][];
        for (int i = 0; i < n; i++) {
            if (payoff[i].length != n) {
                throw new IllegalArgumentException("the payoff matrix must be square; row " + i + " has "
                        + payoff[i].length + " entries, not " + n);
            }
            for (double v : payoff[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("payoff " + v + " in row " + i + " is not finite");
                }
            }
            this.payoff[i] = payoff[i].clone();
        }
        if (population < 2 || population > MAX_POPULATION) {
            throw new IllegalArgumentException("population = " + population + "; it must be in [2, "
                    + MAX_POPULATION + "]");
        }
        if (map == FitnessMap.LINEAR ? !(w >= 0 && w <= 1) : !(w >= 0 && Double.isFinite(w))) {
            throw new IllegalArgumentException("intensity of selection w = " + w + "; it must be in "
                    + (map == FitnessMap.LINEAR ? "[0, 1] for the linear fitness map" : "[0, inf) (finite)"));
        }
        if (map == FitnessMap.LINEAR) {
            for (double[] row : this.payoff) {
                for (double v : row) {
                    if (!(map.fitness(v, w) > 0)) {
                        throw new IllegalArgumentException("payoff " + v + " gives fitness 1 - w + w pi = "
                                + map.fitness(v, w) + " <= 0 at w = " + w + "; use a smaller w or the exponential "
                                + "fitness map");
                    }
                }
            }
        }
        this.population = population;
        this.w = w;
        this.map = map;
    }

    /** Number of types n. */
    public int types() {
        return payoff.length;
    }

    /** Population size N. */
    public int population() {
        return population;
    }

    /**
     * rho_ij: the probability that one individual of type i, among N - 1 of type j, takes over the population (no
     * mutation); see the class comment. Computed in log space, so it neither overflows nor underflows before it
     * is below about 1e-300.
     */
    public double fixationProbability(int i, int j) {
        if (i == j) {
            return 1.0 / population;
        }
        int n1 = population - 1;
        // log(1 + sum_k prod_{m <= k} g_m / f_m) by log-sum-exp over the partial sums of log ratios.
        double[] logTerms = new double[population];
        double partial = 0;
        double max = 0;
        logTerms[0] = 0;
        for (int m = 1; m <= n1; m++) {
            double f = map.fitness((payoff[i][i] * (m - 1) + payoff[i][j] * (population - m)) / n1, w);
            double g = map.fitness((payoff[j][i] * m + payoff[j][j] * (population - m - 1)) / n1, w);
            partial += Math.log(g) - Math.log(f);
            logTerms[m] = partial;
            max = Math.max(max, partial);
        }
        double sum = 0;
        for (double t : logTerms) {
            sum += Math.exp(t - max);
        }
        return Math.exp(-(max + Math.log(sum)));
    }

    /**
     * The long-run share of each type as mutations become rare: the stationary distribution of the chain on
     * monomorphic states that moves from all-j to all-i with probability rho_ij / (n - 1) (a new array).
     */
    public double[] rareMutationDistribution() {
        int n = types();
        double[][] transition = new double[n][n];
        for (int j = 0; j < n; j++) {
            double stay = 1;
            for (int i = 0; i < n; i++) {
                if (i != j) {
                    transition[j][i] = fixationProbability(i, j) / (n - 1);
                    stay -= transition[j][i];
                }
            }
            transition[j][j] = stay;
        }
        return StationaryDistribution.of(transition);
    }

    /**
     * Simulates fixation: {@code trials} populations, each started from one individual of type i among N - 1 of
     * type j, run without mutation until one type is left; the estimate of rho_ij is the fraction fixed by i, with
     * its binomial standard error in {@link MeanEstimate#sd()} / sqrt(n) terms (the estimate's sd is that of the
     * 0/1 outcomes).
     *
     * @param seed master seed; trial t draws from the stream keyed by (seed, pair, t)
     */
    public MeanEstimate simulateFixation(int i, int j, int trials, long seed) {
        if (i == j || trials < 2) {
            throw new IllegalArgumentException("fixation needs two different types and at least 2 trials");
        }
        PhiloxStream random = new PhiloxStream();
        SummaryStatistics fixed = new SummaryStatistics();
        long pair = FIXATION_STREAM ^ ((long) i * types() + j) << 20;
        for (int t = 0; t < trials; t++) {
            random.reset(seed, pair, t);
            int count = 1;
            while (count > 0 && count < population) {
                count += step(random, i, j, count);
            }
            fixed.addValue(count == population ? 1 : 0);
        }
        return MeanEstimate.of(fixed);
    }

    /**
     * One birth-death step of a population with {@code count} individuals of type i and the rest of type j
     * (two types, no mutation): +1, -1 or 0 change in count.
     */
    private int step(PhiloxStream random, int i, int j, int count) {
        int n1 = population - 1;
        double fi = map.fitness((payoff[i][i] * (count - 1) + payoff[i][j] * (population - count)) / n1, w);
        double fj = map.fitness((payoff[j][i] * count + payoff[j][j] * (population - count - 1)) / n1, w);
        double totalI = count * fi;
        boolean birthI = random.nextDouble() * (totalI + (population - count) * fj) < totalI;
        boolean deathI = random.nextDouble() * population < count;
        return (birthI ? 1 : 0) - (deathI ? 1 : 0);
    }

    /**
     * Simulates the process with mutation probability mu per birth from a population split as evenly as possible
     * among the types, and reports each type's share averaged over the steps after {@code burnIn}, one value per
     * replicate, as a mean with its 95% interval over the replicates.
     *
     * @param mu         mutation probability per birth, in (0, 1]
     * @param steps      steps per replicate after the burn-in (&gt;= 1)
     * @param burnIn     steps discarded first
     * @param replicates independent replicates (&gt;= 2); replicate r draws from (seed, stream, r)
     * @return one estimate per type, in type order
     */
    public List<MeanEstimate> simulateStationary(double mu, long steps, long burnIn, int replicates, long seed) {
        if (!(mu > 0 && mu <= 1)) {
            throw new IllegalArgumentException("mutation probability mu = " + mu + "; it must be in (0, 1]");
        }
        if (steps < 1 || burnIn < 0 || replicates < 2) {
            throw new IllegalArgumentException("steps >= 1, burn-in >= 0 and replicates >= 2 are needed");
        }
        int n = types();
        SummaryStatistics[] shares = new SummaryStatistics[n];
        for (int k = 0; k < n; k++) {
            shares[k] = new SummaryStatistics();
        }
        PhiloxStream random = new PhiloxStream();
        int[] counts = new int[n];
        double[] fitness = new double[n];
        double[] occupancy = new double[n];
        for (int r = 0; r < replicates; r++) {
            random.reset(seed, STATIONARY_STREAM, r);
            for (int k = 0; k < n; k++) {
                counts[k] = population / n + (k < population % n ? 1 : 0);
            }
            Arrays.fill(occupancy, 0);
            for (long s = 0; s < burnIn + steps; s++) {
                double total = 0;
                for (int k = 0; k < n; k++) {
                    double pi = 0;
                    for (int l = 0; l < n; l++) {
                        pi += counts[l] * payoff[k][l];
                    }
                    fitness[k] = counts[k] == 0 ? 0 : map.fitness((pi - payoff[k][k]) / (population - 1), w);
                    total += counts[k] * fitness[k];
                }
                int parent = pick(random.nextDouble() * total, counts, fitness);
                int child = parent;
                if (random.nextDouble() < mu) {
                    child = (int) (random.nextDouble() * (n - 1));
                    if (child >= parent) {
                        child++;
                    }
                }
                int dying = pick(random.nextDouble() * population, counts, null);
                counts[dying]--;
                counts[child]++;
                if (s >= burnIn) {
                    for (int k = 0; k < n; k++) {
                        occupancy[k] += counts[k];
                    }
                }
            }
            for (int k = 0; k < n; k++) {
                shares[k].addValue(occupancy[k] / ((double) steps * population));
            }
        }
        MeanEstimate[] out = new MeanEstimate[n];
        for (int k = 0; k < n; k++) {
            out[k] = MeanEstimate.of(shares[k]);
        }
        return List.of(out);
    }

    /** The type whose cumulative weight (count, times fitness when given) first exceeds u. */
    private static int pick(double u, int[] counts, double[] fitness) {
        double acc = 0;
        int last = 0;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] == 0) {
                continue;
            }
            acc += fitness == null ? counts[k] : counts[k] * fitness[k];
            last = k;
            if (u < acc) {
                return k;
            }
        }
        return last;
    }
}
