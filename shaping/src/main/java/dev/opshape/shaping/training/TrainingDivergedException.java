package dev.opshape.shaping.training;

/** A run whose logits became NaN or infinite: the message says which run, update and agent. */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message one line naming the run, update and agent, fit to show a user */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
