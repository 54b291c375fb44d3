package org.dl4jtuner.models;

import org.dl4jtuner.tuner.util.Requires;

/**
 * Stop a trial's training when the validation metric has not improved by more than
 * {@code minDelta} for {@code patience} epochs (Keras semantics). The best epoch's weights are kept.
 *
 * @param patience epochs without improvement to tolerate, at least 1
 * @param minDelta smallest change that counts as an improvement, at least 0
 */
public record EarlyStopping(int patience, double minDelta) {
    public EarlyStopping {
        Requires.atLeast("patience", patience, 1);
        Requires.argument(minDelta >= 0, "min_delta >= 0 must hold, but got min_delta=" + minDelta);
    }
}
