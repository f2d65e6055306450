package dev.opshape.tabular;

/**
 * A model, problem, policy or parameter that does not satisfy its documented constraints. The message is one line
 * that names the bad value and what is allowed, fit to show a user as it is.
 */
public class InvalidModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the bad value and what is allowed */
    public InvalidModelException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the bad value and what is allowed
     * @param cause   the underlying failure
     */
    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
