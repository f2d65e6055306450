package dev.opshape.shaping.estimator;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The registered sampled surrogates, by the name used in specs. */
public final class Surrogates {

    private static final List<Surrogate> ALL = List.of(DiceSurrogate.INSTANCE, LvcSurrogate.INSTANCE,
            MamlSurrogate.INSTANCE, LoadedSurrogate.UNBIASED);

    private Surrogates() {
    }

    /** Every surrogate, in the order help texts list them. */
    public static List<Surrogate> all() {
        return ALL;
    }

    /** The DiCE surrogate. */
    public static Surrogate dice() {
        return DiceSurrogate.INSTANCE;
    }

    /** The LVC surrogate. */
    public static Surrogate lvc() {
        return LvcSurrogate.INSTANCE;
    }

    /** The MAML-RL policy-gradient surrogate. */
    public static Surrogate maml() {
        return MamlSurrogate.INSTANCE;
    }

    /** Loaded DiCE with credit decay lambda in [0, 1] (1: unbiased at every order). */
    public static Surrogate loaded(double lambda) {
        return LoadedSurrogate.of(lambda);
    }

    /** The surrogate of the given name (case-insensitive), if registered. */
    public static Optional<Surrogate> byName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ALL.stream().filter(s -> s.name().equals(lower)).findFirst();
    }
}
