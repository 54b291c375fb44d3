package org.dl4jtuner.models;

import org.dl4jtuner.tuner.Patience;

/**
 * Stop a trial's training when the validation metric has not improved by more than
 * {@code minDelta} for {@code patience} epochs: the {@link Patience} rule (Keras semantics), the
 * same one {@code PatiencePruner} follows. The best epoch's weights are kept.
 *
 * @param patience epochs without improvement to tolerate, at least 1
 * @param minDelta smallest change that counts as an improvement, at least 0
 */
public record EarlyStopping(int patience, double minDelta) {
    public EarlyStopping {
        new Patience(patience, minDelta);
    }

    /** The rule, epoch by epoch. */
    public Patience rule() {
        return new Patience(patience, minDelta);
    }
}
