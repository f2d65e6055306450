package dev.opshape.cli.option;

import dev.opshape.tabular.InvalidModelException;
import dev.opshape.tabular.catalog.ComponentSpec;
import dev.opshape.tabular.mdp.MdpReader;
import dev.opshape.tabular.mdp.RandomMdps;
import dev.opshape.tabular.mdp.TabularMdp;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --mdp} argument: {@code random[:states=S][:actions=A][:concentration=C]} for the seeded random family
 * (defaults: the seed paper's 20 states, 5 actions, concentration 0.001, rewards U(0, 1), start state 0), or the
 * path of a JSON MDP file.
 *
 * @param family the random family, or null for a file
 * @param file   the file's MDP, or null for a family
 * @param text   the argument as given
 */
public record MdpArgument(RandomMdps family, TabularMdp file, String text) {

    private static final Set<String> KEYS = Set.of("states", "actions", "concentration");

    /**
     * The MDPs of a study: with a family, MDPs 0..n-1 under the seed; with a file, its one MDP.
     *
     * @param count the number of MDPs asked for (ignored for a file)
     */
    public List<TabularMdp> mdps(long seed, int count) {
        if (file != null) {
            return List.of(file);
        }
        List<TabularMdp> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(family.draw(seed, i));
        }
        return list;
    }

    /** A short description for reports, for example {@code random(states=20, actions=5, concentration=0.001)}. */
    public String describe() {
        return file != null ? file.name() : "random(states=" + family.states() + ", actions=" + family.actions()
                + ", concentration=" + family.concentration() + ")";
    }

    /** Converts {@code --mdp} values. */
    public static final class Converter implements ITypeConverter<MdpArgument> {
        @Override
        public MdpArgument convert(String value) {
            return parse(value);
        }
    }

    /**
     * Parses the argument.
     *
     * @throws TypeConversionException naming the bad part and what is allowed
     */
    public static MdpArgument parse(String value) {
        if (value.equals("random") || value.startsWith("random:")) {
            return new MdpArgument(family(value), null, value);
        }
        Path path = Path.of(value);
        if (!Files.exists(path)) {
            throw new TypeConversionException("'" + value + "' is neither random[:states=S:actions=A:"
                    + "concentration=C] nor an existing MDP file");
        }
        try {
            return new MdpArgument(null, MdpReader.fromFile(path), value);
        } catch (InvalidModelException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    private static RandomMdps family(String value) {
        ComponentSpec spec;
        try {
            spec = ComponentSpec.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
        Map<String, String> params = spec.params();
        for (String key : params.keySet()) {
            if (!KEYS.contains(key)) {
                throw new TypeConversionException("'" + value + "': unknown key '" + key + "'; random MDPs take "
                        + "states=, actions= and concentration=");
            }
        }
        RandomMdps paper = RandomMdps.PAPER;
        int states = count(value, "states", params.get("states"), paper.states());
        int actions = count(value, "actions", params.get("actions"), paper.actions());
        double concentration = paper.concentration();
        if (params.containsKey("concentration")) {
            concentration = NumberArguments.parseNumber(params.get("concentration"), false);
            if (!(concentration > 0)) {
                throw new TypeConversionException("'" + value + "': concentration=" + params.get("concentration")
                        + " must be a finite number > 0");
            }
        }
        try {
            return new RandomMdps(states, actions, concentration, paper.rewardLow(), paper.rewardHigh(),
                    paper.startState());
        } catch (InvalidModelException e) {
            throw new TypeConversionException("'" + value + "': " + e.getMessage());
        }
    }

    private static int count(String value, String key, String text, int fallback) {
        if (text == null) {
            return fallback;
        }
        int n = NumberArguments.parseInteger(text);
        if (n < 2) {
            throw new TypeConversionException("'" + value + "': " + key + "=" + n + " must be at least 2");
        }
        return n;
    }
}
