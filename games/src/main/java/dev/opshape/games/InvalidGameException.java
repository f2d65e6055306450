package dev.opshape.games;

import dev.opshape.tabular.InvalidModelException;

/**
 * A game, policy or parameter that does not satisfy its documented constraints. The message is one line that names
 * the bad value and what is allowed, fit to show a user as is.
 */
public class InvalidGameException extends InvalidModelException {

    private static final long serialVersionUID = 1L;

    public InvalidGameException(String message) {
        super(message);
    }

    public InvalidGameException(String message, Throwable cause) {
        super(message, cause);
    }
}
