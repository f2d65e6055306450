package dev.opshape.shaping.agent;

import dev.opshape.shaping.estimator.EstimatorCatalog;
import dev.opshape.tabular.catalog.KeyType;
import dev.opshape.tabular.catalog.NumberGrammar;

import java.util.Locale;

/**
 * The value of a LOLA-K part key ({@code inner}, {@code hessian}, {@code outer}): an estimator name with an optional
 * batch size of its own, {@code exact}, {@code dice/128} or {@code lvc}.
 *
 * @param estimator an estimator catalog name
 * @param batch     the part's own batch size, or 0 to use the spec's {@code batch}
 */
record EstimatorPart(String estimator, int batch) {

    /** What the key type allows, for messages and help. */
    static final String ALLOWED = allowed();

    /** The key type of a part key. */
    static final KeyType TYPE = KeyType.text(ALLOWED, EstimatorPart::parse);

    private static String allowed() {
        StringBuilder sb = new StringBuilder();
        var names = EstimatorCatalog.names();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(i == names.size() - 1 ? " or " : ", ");
            }
            sb.append(names.get(i)).append(names.get(i).equals("exact") ? "" : "[/B]");
        }
        return sb.toString();
    }

    private static EstimatorPart parse(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("/", -1);
        if (parts.length > 2 || !EstimatorCatalog.catalog().contains(parts[0])
                || parts.length == 2 && parts[0].equals("exact")) {
            throw new IllegalArgumentException(ALLOWED);
        }
        int batch = 0;
        if (parts.length == 2) {
            try {
                batch = NumberGrammar.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ALLOWED + " with a batch size B >= 1");
            }
            if (batch < 1 || batch > EstimatorCatalog.MAX_TRAJECTORIES) {
                throw new IllegalArgumentException(ALLOWED + " with a batch size B in [1, "
                        + EstimatorCatalog.MAX_TRAJECTORIES + "]");
            }
        }
        return new EstimatorPart(parts[0], batch);
    }
}
