package dev.opshape.shaping.statistics;

/** Similarity of two vectors of the same length, as the bias studies and training logs report it. */
public final class Correlation {

    private Correlation() {
    }

    /** Pearson correlation of the components of a and b; NaN if either is constant. */
    public static double pearson(double[] a, double[] b) {
        int d = a.length;
        double ma = 0;
        double mb = 0;
        for (int c = 0; c < d; c++) {
            ma += a[c];
            mb += b[c];
        }
        ma /= d;
        mb /= d;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int c = 0; c < d; c++) {
            sab += (a[c] - ma) * (b[c] - mb);
            saa += (a[c] - ma) * (a[c] - ma);
            sbb += (b[c] - mb) * (b[c] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /** Cosine similarity of a and b; NaN if either is 0. */
    public static double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int c = 0; c < a.length; c++) {
            ab += a[c] * b[c];
            aa += a[c] * a[c];
            bb += b[c] * b[c];
        }
        return aa == 0 || bb == 0 ? Double.NaN : ab / Math.sqrt(aa * bb);
    }
}
