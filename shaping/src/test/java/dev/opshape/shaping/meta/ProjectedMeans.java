package dev.opshape.shaping.meta;

import dev.opshape.testkit.Vectors;

import java.util.SplittableRandom;
import java.util.function.ObjIntConsumer;

/**
 * The unbiasedness check of the sampled meta-gradient tests: the mean of N independent estimates against the exact
 * meta-gradient along three fixed random directions (seed 7), as z-scores with the sample standard error.
 */
final class ProjectedMeans {

    private ProjectedMeans() {
    }

    /**
     * The largest |z| over the directions.
     *
     * @param exact     the exact meta-gradient
     * @param estimates N &gt;= 2
     * @param estimate  writes estimate j into the given array (length of exact)
     */
    static double worstZ(double[] exact, int estimates, ObjIntConsumer<double[]> estimate) {
        SplittableRandom random = new SplittableRandom(7);
        double[][] directions = new double[3][];
        for (int d = 0; d < directions.length; d++) {
            directions[d] = Vectors.gaussian(random, exact.length, 1.0);
        }
        double[] sum = new double[directions.length];
        double[] sumSquares = new double[directions.length];
        double[] out = new double[exact.length];
        for (int j = 0; j < estimates; j++) {
            estimate.accept(out, j);
            for (int d = 0; d < directions.length; d++) {
                double x = dot(directions[d], out);
                sum[d] += x;
                sumSquares[d] += x * x;
            }
        }
        double worst = 0;
        for (int d = 0; d < directions.length; d++) {
            double mean = sum[d] / estimates;
            double variance = (sumSquares[d] - estimates * mean * mean) / (estimates - 1);
            worst = Math.max(worst, Math.abs((mean - dot(directions[d], exact)) / Math.sqrt(variance / estimates)));
        }
        return worst;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
