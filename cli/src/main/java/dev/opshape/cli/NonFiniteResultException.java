package dev.opshape.cli;

/**
 * A computation on finite inputs produced a NaN or an infinity (payoffs near the range of a double, a huge
 * {@code --hvp} direction): reported with exit status {@link ExitCode#RUN_FAILED} and one line naming the quantity,
 * instead of printing NaN or Infinity with status 0.
 */
public final class NonFiniteResultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message names the quantity and its value, and says what to change */
    public NonFiniteResultException(String message) {
        super(message);
    }

    /**
     * Throws if any entry is not finite, naming the quantity and the first bad entry.
     *
     * @param what   the quantity, for example {@code grad V1}
     * @param values its entries (null: nothing to check)
     */
    public static void check(String what, double... values) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new NonFiniteResultException(what + (values.length > 1 ? "[" + i + "]" : "") + " is "
                        + values[i] + ": the inputs are finite but the result overflows a double; use smaller "
                        + "payoffs or a smaller direction");
            }
        }
    }
}
