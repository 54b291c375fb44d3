package org.dl4jtuner.cli.spec;

/**
 * A study spec that breaks a rule. The message names the file, the key path, the value found and
 * the rule, e.g. {@code study.yaml: model.space.dropout: 1.5 is outside [0, 1)}.
 */
public class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SpecException(String message) {
        super(message);
    }
}
