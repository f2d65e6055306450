package dev.opshape.shaping.tournament;

import dev.opshape.shaping.agent.AgentCatalog;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.tabular.catalog.ComponentSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An agent on a tournament roster: its spec, the learning rule built from it, and its display name (the spec as
 * written, for example {@code lola:k=2}).
 *
 * @param name the display name, unique within a roster
 * @param spec the agent spec
 * @param rule the learning rule (a learner or a fixed strategy)
 */
public record Entrant(String name, ComponentSpec spec, LearningRule rule) {

    /** Checks that every component is present and the name is not blank. */
    public Entrant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(rule, "rule");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an entrant needs a non-empty name");
        }
    }

    /**
     * The entrant of a spec, named by the spec's text.
     *
     * @throws IllegalArgumentException for an unknown agent or a bad key (see {@link AgentCatalog#create})
     */
    public static Entrant of(ComponentSpec spec, AgentDefaults defaults) {
        return new Entrant(spec.text(), spec, AgentCatalog.create(spec, defaults));
    }

    /**
     * The roster of a comma-separated list of specs, for example {@code nl,lola:k=2,tft}.
     *
     * @throws IllegalArgumentException for a malformed list, an unknown agent or a bad key
     */
    public static List<Entrant> parseRoster(String specs, AgentDefaults defaults) {
        List<Entrant> roster = new ArrayList<>();
        for (ComponentSpec spec : ComponentSpec.parseList(specs)) {
            roster.add(of(spec, defaults));
        }
        return List.copyOf(roster);
    }

    @Override
    public String toString() {
        return name;
    }
}
