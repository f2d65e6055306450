package dev.opshape.cli.option;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.util.Locale;

/**
 * The memory check every command with user-set sizes makes before work starts: the estimated bytes of what it will
 * hold (sampled estimators' trajectory arrays for each worker, learning curves, ...) against the share of the JVM's
 * heap it may plan to use, so that a size too large is bad input naming the option, not a late "out of memory".
 */
public final class MemoryCheck {

    /** The share of the maximum heap ({@code -Xmx}) a command may plan to fill. */
    public static final double HEAP_SHARE = 0.8;

    private MemoryCheck() {
    }

    /**
     * Refuses a plan that needs more than {@link #HEAP_SHARE} of the heap.
     *
     * @param option the option to blame (the one whose size dominates)
     * @param bytes  the estimate
     * @param what   what needs the memory, for example {@code 2 workers x 2 agents' estimators}
     * @throws ParameterException (bad input) naming the option, the estimate, the limit and the heap
     */
    public static void require(CommandLine command, String option, long bytes, String what) {
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > HEAP_SHARE * heap) {
            throw new ParameterException(command, "Invalid value for option '" + option + "': " + what
                    + " needs about " + megabytes(bytes) + ", more than the " + megabytes((long) (HEAP_SHARE * heap))
                    + " the command may use (80% of the " + megabytes(heap) + " heap, -Xmx); use smaller sizes or a "
                    + "larger heap (JAVA_OPTS=-Xmx8g with bin/opshape, or java -Xmx8g -jar ...)");
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,d MB", bytes >> 20);
    }
}
