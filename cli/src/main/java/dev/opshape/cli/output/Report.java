package dev.opshape.cli.output;

import java.io.PrintWriter;

/**
 * A command's result. Implementations are records whose components are the JSON document (serialised by
 * {@link JsonOutput}, so name them as the JSON fields should be named) and which print themselves as text for a
 * human, so that both formats come from one computed object and cannot disagree.
 */
public interface Report {

    /** Prints the human-readable report. */
    void printText(PrintWriter out);
}
