package dev.opshape.shaping.training;

/**
 * Applies one agent's update direction (gradient-ascent sense) to its logits. Stateful (Adam's moments): one per
 * run and agent.
 */
public interface Optimizer {

    /** theta := theta + step(direction); theta is mutated, direction is read only. */
    void step(double[] theta, double[] direction);

    /** The kinds of optimiser, with their constants. */
    enum Kind {
        /** Plain gradient ascent: theta += lr * direction. */
        SGD,
        /**
         * Adam (Kingma and Ba 2015) with PyTorch's defaults beta1 = 0.9, beta2 = 0.999, eps = 1e-8 and bias
         * correction, applied to the ascent direction: theta += lr * mhat / (sqrt(vhat) + eps).
         */
        ADAM;

        /** A fresh optimiser for a parameter vector of the given length. */
        public Optimizer create(double lr, int dimension) {
            return this == SGD ? new Sgd(lr) : new Adam(lr, dimension);
        }
    }

    /** Plain gradient ascent. */
    final class Sgd implements Optimizer {
        private final double lr;

        /** @param lr the learning rate */
        public Sgd(double lr) {
            this.lr = lr;
        }

        @Override
        public void step(double[] theta, double[] direction) {
            for (int c = 0; c < theta.length; c++) {
                theta[c] += lr * direction[c];
            }
        }
    }

    /** Adam with PyTorch's default constants. */
    final class Adam implements Optimizer {
        static final double BETA1 = 0.9;
        static final double BETA2 = 0.999;
        static final double EPS = 1e-8;
        private final double lr;
        private final double[] m;
        private final double[] v;
        private double beta1Power = 1.0;
        private double beta2Power = 1.0;

        /**
         * @param lr        the learning rate
         * @param dimension the number of parameters it steps
         */
        public Adam(double lr, int dimension) {
            this.lr = lr;
            this.m = new double[dimension];
            this.v = new double[dimension];
        }

        @Override
        public void step(double[] theta, double[] direction) {
            beta1Power *= BETA1;
            beta2Power *= BETA2;
            double c1 = 1.0 - beta1Power;
            double c2 = 1.0 - beta2Power;
            for (int c = 0; c < theta.length; c++) {
                double g = direction[c];
                m[c] = BETA1 * m[c] + (1 - BETA1) * g;
                v[c] = BETA2 * v[c] + (1 - BETA2) * g * g;
                theta[c] += lr * (m[c] / c1) / (Math.sqrt(v[c] / c2) + EPS);
            }
        }
    }
}
