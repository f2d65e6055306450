package dev.opshape.testkit;

import java.util.SplittableRandom;

/** Seeded test vectors and small vector operations shared by every module's tests. */
public final class Vectors {

    private Vectors() {
    }

    /** The concatenation (a, b): for a two-player problem, the joint vector of the blocks a and b. */
    public static double[] concat(double[] a, double[] b) {
        double[] joint = new double[a.length + b.length];
        System.arraycopy(a, 0, joint, 0, a.length);
        System.arraycopy(b, 0, joint, a.length, b.length);
        return joint;
    }

    /** n independent N(0, sd^2) entries from the given seeded generator. */
    public static double[] gaussian(SplittableRandom random, int n, double sd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = sd * random.nextGaussian();
        }
        return v;
    }

    /** x plus independent N(0, sd^2) noise per entry (a nearby point), as a new array. */
    public static double[] perturbed(SplittableRandom random, double[] x, double sd) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += sd * random.nextGaussian();
        }
        return y;
    }
}
