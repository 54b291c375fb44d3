package org.dl4jtuner.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code dl4j-tuner completion}: prints a bash completion script for the commands and their options. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash completion script for dl4j-tuner's commands and options.",
                "bash: source <(./dl4j-tuner completion)   (or save it in ~/.local/share/bash-completion/completions/dl4j-tuner)",
                "zsh: autoload -U +X bashcompinit && bashcompinit && source <(./dl4j-tuner completion)"
                        + "   (zsh reads bash completions through bashcompinit)"})
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        out.flush();
        return 0;
    }
}
