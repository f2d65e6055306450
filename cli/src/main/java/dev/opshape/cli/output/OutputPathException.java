package dev.opshape.cli.output;

import java.io.IOException;

/**
 * An output path that cannot be used as given: a directory where a file is expected, a device, a dangling symbolic
 * link, a missing or read-only directory. It is the user's input that is wrong, so the command exits with status 2
 * and this message, which names the path, what is wrong with it and what is allowed, on one line.
 */
public final class OutputPathException extends IOException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message that names the path and what is allowed. */
    public OutputPathException(String message) {
        super(message);
    }
}
