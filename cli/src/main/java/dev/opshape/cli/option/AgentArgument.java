package dev.opshape.cli.option;

import dev.opshape.shaping.agent.AgentCatalog;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.tabular.catalog.ComponentSpec;
import dev.opshape.tabular.catalog.InvalidSpecException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

import java.util.ArrayList;
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

    /**
     * One roster entry: an agent spec and the name it goes by in every table, plot and file, either a short name
     * given as {@code name=spec} (for example {@code l3=lola:k=3}) or the spec as written.
     *
     * @param name the short name, or the spec's text
     * @param spec the agent spec
     */
    public record RosterEntry(String name, ComponentSpec spec) {
    }

    /**
     * Converter for a comma-separated roster, for example {@code nl,lola:k=2,tft} or {@code tit=tft,l3=lola:k=3}:
     * an entry whose part before its first ':' holds '=' is {@code name=spec}.
     */
    public static final class Roster implements ITypeConverter<List<RosterEntry>> {
        @Override
        public List<RosterEntry> convert(String value) {
            try {
                List<RosterEntry> entries = new ArrayList<>();
                for (ComponentSpec spec : ComponentSpec.parseList(value)) {
                    entries.add(entry(spec));
                }
                return entries;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }

        private static RosterEntry entry(ComponentSpec parsed) {
            String text = parsed.text();
            int colon = text.indexOf(':');
            String head = colon < 0 ? text : text.substring(0, colon);
            int eq = head.indexOf('=');
            if (eq < 0) {
                return new RosterEntry(text, parsed);
            }
            String name = head.substring(0, eq).trim();
            if (!name.matches("[A-Za-z0-9_.+\\-]+")) {
                throw new InvalidSpecException("roster entry '" + text + "': the short name '" + name + "' must be "
                        + "letters, digits and _ . + - (name=spec, for example l3=lola:k=3)");
            }
            ComponentSpec spec = ComponentSpec.parse(text.substring(eq + 1));
            return new RosterEntry(name, spec);
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
