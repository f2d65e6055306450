package dev.opshape.shaping.estimator;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.List;

/**
 * Independent replicates of a vector estimate: their mean, the standard error of the mean (sample standard
 * deviation / sqrt(R)), z-scores against a reference, and the total variance (trace of the covariance). Keeps every
 * replicate so that paired comparisons between estimators evaluated on the same batches are possible.
 */
final class Replicates {

    private final List<double[]> rows = new ArrayList<>();
    private final int dimension;

    Replicates(int dimension) {
        this.dimension = dimension;
    }

    /** Adds one replicate (copied). */
    void add(double[] x) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("replicate of length " + x.length + ", expected " + dimension);
        }
        rows.add(x.clone());
    }

    int count() {
        return rows.size();
    }

    int dimension() {
        return dimension;
    }

    double[] row(int r) {
        return rows.get(r);
    }

    double[] mean() {
        double[] mean = new double[dimension];
        for (double[] row : rows) {
            for (int k = 0; k < dimension; k++) {
                mean[k] += row[k];
            }
        }
        for (int k = 0; k < dimension; k++) {
            mean[k] /= rows.size();
        }
        return mean;
    }

    /** Unbiased sample variance of each component. */
    double[] variance() {
        double[] mean = mean();
        double[] var = new double[dimension];
        for (double[] row : rows) {
            for (int k = 0; k < dimension; k++) {
                double e = row[k] - mean[k];
                var[k] += e * e;
            }
        }
        for (int k = 0; k < dimension; k++) {
            var[k] /= rows.size() - 1;
        }
        return var;
    }

    /** Standard error of the mean of each component. */
    double[] standardError() {
        double[] var = variance();
        double[] se = new double[dimension];
        for (int k = 0; k < dimension; k++) {
            se[k] = Math.sqrt(var[k] / rows.size());
        }
        return se;
    }

    /** Total variance of one replicate: the trace of the covariance matrix. */
    double totalVariance() {
        double total = 0;
        for (double v : variance()) {
            total += v;
        }
        return total;
    }

    /**
     * (mean - reference) / standard error per component; a component with zero spread and an exact match scores 0,
     * with zero spread and a mismatch +-infinity.
     */
    double[] zScores(double[] reference) {
        double[] mean = mean();
        double[] se = standardError();
        double[] z = new double[dimension];
        for (int k = 0; k < dimension; k++) {
            double diff = mean[k] - reference[k];
            // Components that are exactly 0 in every replicate and in the reference (for example the logits of an
            // unreachable state) have no spread; they match.
            z[k] = se[k] > 0 ? diff / se[k] : (Math.abs(diff) <= 1e-12 * (1 + Math.abs(reference[k])) ? 0
                    : Math.copySign(Double.POSITIVE_INFINITY, diff));
        }
        return z;
    }

    /**
     * The z threshold for a family of {@code components} simultaneous two-sided comparisons: at least 4 standard
     * errors, and more if needed (Bonferroni) to keep the chance that any of the components of a correct, unbiased
     * estimator crosses it at or below {@code familyRate}; quantiles of Student's t with R - 1 degrees of freedom,
     * because the standard errors are themselves estimated from the R replicates.
     */
    static double threshold(int components, int replicates, double familyRate) {
        TDistribution t = new TDistribution(replicates - 1);
        return Math.max(4.0, t.inverseCumulativeProbability(1 - familyRate / (2.0 * components)));
    }

    /** Two-sided tail probability of one component beyond z under Student's t with R - 1 degrees of freedom. */
    static double tail(double z, int replicates) {
        return 2 * new TDistribution(replicates - 1).cumulativeProbability(-Math.abs(z));
    }

    static int argMaxAbs(double[] z) {
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            if (Math.abs(z[k]) > Math.abs(z[best])) {
                best = k;
            }
        }
        return best;
    }
}
