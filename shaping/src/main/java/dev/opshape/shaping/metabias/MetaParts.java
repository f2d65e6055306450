package dev.opshape.shaping.metabias;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which of a meta-gradient's three derivative parts are sampled, named by the letters of (inner steps, Hessian
 * products, outer gradient) as the seed paper does: {@code l} sampled, {@code e} exact. {@code lee} isolates the
 * compositional bias (only the inner steps sampled), {@code ele} the multi-step Hessian bias, {@code eel} the outer
 * gradient's noise; {@code eee} has nothing sampled (its error is zero, unless a Hessian bias is injected).
 */
public enum MetaParts {
    LEE, ELE, EEL, LLE, LEL, ELL, LLL, EEE;

    /** The seven combinations with at least one sampled part, in the paper's order ({@code all}). */
    public static final List<MetaParts> SAMPLED = List.of(LEE, ELE, EEL, LLE, LEL, ELL, LLL);

    /** Whether the inner first-order steps are sampled. */
    public boolean innerSampled() {
        return name().charAt(0) == 'L';
    }

    /** Whether the backward pass's Hessian-vector products are sampled. */
    public boolean hessianSampled() {
        return name().charAt(1) == 'L';
    }

    /** Whether the outer gradient is sampled. */
    public boolean outerSampled() {
        return name().charAt(2) == 'L';
    }

    /** Lower-case name, for example {@code lee}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }

    /**
     * Parses a comma-separated list of names, or {@code all} for {@link #SAMPLED}; duplicates are dropped.
     *
     * @throws IllegalArgumentException naming the bad entry and the allowed ones
     */
    public static List<MetaParts> parseList(String text) {
        List<MetaParts> parts = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            String name = item.trim().toLowerCase(Locale.ROOT);
            List<MetaParts> these;
            if (name.equals("all")) {
                these = SAMPLED;
            } else {
                these = List.of(of(item.trim()));
            }
            for (MetaParts p : these) {
                if (!parts.contains(p)) {
                    parts.add(p);
                }
            }
        }
        return parts;
    }

    /**
     * The combination of that name (any case).
     *
     * @throws IllegalArgumentException for another name
     */
    public static MetaParts of(String name) {
        for (MetaParts p : values()) {
            if (p.label().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not one of lee, ele, eel, lle, lel, ell, lll, eee "
                + "or all");
    }
}
