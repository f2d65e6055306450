package dev.opshape.tabular.catalog;

/**
 * A spec that names no catalog entry, sets an unknown key, or gives a value outside what the key allows. The message
 * is one line that names the spec, the bad key or value and what is allowed.
 */
public class InvalidSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the bad value and what is allowed */
    public InvalidSpecException(String message) {
        super(message);
    }
}
