package dev.opshape.shaping.agent;

/**
 * The values an agent spec falls back on for keys it does not set (command-line wide settings such as
 * {@code --eta}).
 *
 * @param eta lookahead step size of LOLA, LookAhead and SOS agents
 */
public record AgentDefaults(double eta) {

    /** The LOLA paper's exact setting (Foerster et al. 2018): eta = 1. */
    public static final double DEFAULT_ETA = 1.0;

    public AgentDefaults {
        if (!Double.isFinite(eta)) {
            throw new IllegalArgumentException("eta = " + eta + "; must be a finite number");
        }
    }

    /** The defaults of the LOLA paper. */
    public static AgentDefaults standard() {
        return new AgentDefaults(DEFAULT_ETA);
    }
}
