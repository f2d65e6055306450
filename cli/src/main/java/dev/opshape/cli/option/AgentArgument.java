package dev.opshape.cli.option;

import dev.opshape.shaping.agent.AgentCatalog;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.tabular.catalog.ComponentSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

import java.util.List;

/**
 * Agent specs on the command line ({@code name(:key=value)*}, lists comma-separated): the converters that split
 * them, and the one place that turns a spec into a learning rule, reporting an unknown agent, key or value as bad
 * input for the option that gave it.
 */
public final class AgentArgument {

    private AgentArgument() {
    }

    /** Converter for one spec, for example {@code lola:k=2:est=dice}. */
    public static final class One implements ITypeConverter<ComponentSpec> {
        @Override
        public ComponentSpec convert(String value) {
            try {
                return ComponentSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Converter for a comma-separated roster, for example {@code nl,lola:k=2,tft}. */
    public static final class Roster implements ITypeConverter<List<ComponentSpec>> {
        @Override
        public List<ComponentSpec> convert(String value) {
            try {
                return ComponentSpec.parseList(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * The learning rule of a spec given with {@code option}.
     *
     * @throws ParameterException (bad input) naming the option, for an unknown agent, key or value
     */
    public static LearningRule rule(CommandLine command, String option, ComponentSpec spec, AgentDefaults defaults) {
        try {
            return AgentCatalog.create(spec, defaults);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command, "Invalid value for option '" + option + "': " + e.getMessage());
        }
    }
}
