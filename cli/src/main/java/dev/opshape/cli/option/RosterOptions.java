package dev.opshape.cli.option;

import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.tournament.Entrant;
import dev.opshape.shaping.tournament.TournamentConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.util.ArrayList;
import java.util.List;

/**
 * The options that define a tournament's roster and repetitions ({@code --agents}, {@code --repeats}), shared by
 * {@code tournament} and {@code evolve}, and the one place that turns them, with the game and learning options, into
 * a checked {@link TournamentConfig}.
 */
public final class RosterOptions {

    /**
     * The default roster: exact learners (with symplectic gradient adjustment and competitive gradient descent, the
     * differentiable-game rules that behave distinctly), sampled LOLA (DiCE and LVC, under short names) and the
     * classic fixed strategies.
     */
    public static final String DEFAULT_ROSTER = "nl,lola,lola:k=3,lola-taylor,sos,sga,cgd,"
            + "lola-dice=lola:est=dice:batch=64:horizon=50,lola-lvc=lola:est=lvc:batch=64:horizon=50,tft,wsls,alld,"
            + "allc,random";

    @Option(names = "--agents", paramLabel = "SPEC,SPEC,...", defaultValue = DEFAULT_ROSTER,
            converter = AgentArgument.Roster.class,
            description = "The roster, comma-separated agent specs name(:key=value)* (see 'opshape train --help'), "
                    + "each optionally with a short name for the tables, plots and files: NAME=SPEC, for example "
                    + "tit=tft,l3=lola:k=3. Default: ${DEFAULT-VALUE}.")
    private List<AgentArgument.RosterEntry> agents;

    @Option(names = {"--repeats", "--repetitions"}, paramLabel = "R",
            defaultValue = "" + TournamentConfig.DEFAULT_REPETITIONS,
            converter = NumberArguments.WholeNumber.class,
            description = "Repetitions of every pairing, each from its own seeded start (a pairing of two fixed "
                    + "strategies is played once: nothing in it is random). Default: ${DEFAULT-VALUE}.")
    private int repeats;

    /**
     * The tournament of these options on the given game.
     *
     * @throws ParameterException (bad input) for an agent that does not parse or cannot play, or limits exceeded
     */
    public TournamentConfig config(CommandLine command, IteratedGame game, LearningOptions learning,
                                   RunOptions run) {
        AgentDefaults defaults = learning.agentDefaults();
        List<Entrant> roster = new ArrayList<>();
        for (AgentArgument.RosterEntry agent : agents) {
            roster.add(new Entrant(agent.name(), agent.spec(), AgentArgument.rule(command, "--agents", agent.spec(),
                    defaults)));
        }
        TournamentConfig config;
        try {
            config = new TournamentConfig(roster, game, learning.steps(), repeats, run.seed(), learning.optimizer(),
                    learning.lr(), learning.init(), run.threads());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command, e.getMessage());
        }
        // Every worker plays one run at a time: two learners, at most twice the largest agent.
        long largest = 0;
        for (Entrant e : roster) {
            largest = Math.max(largest, e.rule().estimatedBytes(game));
        }
        MemoryCheck.require(command, "--agents", (long) config.threads() * 2 * largest, config.threads()
                + " workers' learners (the largest agent's sampled estimators)");
        return config;
    }
}
