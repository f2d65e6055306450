package dev.opshape.examples;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.strategy.FixedStrategies;
import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.agent.AgentCatalog;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.learner.LearningRule;
import dev.opshape.shaping.tournament.Entrant;
import dev.opshape.shaping.tournament.Tournament;
import dev.opshape.shaping.tournament.TournamentConfig;
import dev.opshape.shaping.tournament.TournamentResult;
import dev.opshape.shaping.training.Initialisation;
import dev.opshape.shaping.training.Optimizer;
import dev.opshape.shaping.training.Trainer;
import dev.opshape.shaping.training.TrainingConfig;
import dev.opshape.shaping.training.TrainingResult;
import dev.opshape.tabular.catalog.ComponentSpec;
import dev.opshape.tabular.exact.ExactEvaluator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's "Use from Java" example, compiled and run: the code between the markers below is the README's
 * snippet, character for character (checked), and its results are asserted.
 */
class UseFromJavaTest {

    @Test
    void theReadmeExampleRuns() {
        // README:begin
        // Exact values: tit-for-tat against always-defect, 200 undiscounted moves of Axelrod's game.
        MatrixGame pd = BuiltInGames.AXELROD_PD;
        IteratedGame match = IteratedGame.finite(pd, 1.0, 200);
        ExactEvaluator exact = match.newEvaluator();
        exact.setPoint(FixedStrategies.create("tft", pd, 0).logits(pd, 0),
                FixedStrategies.create("alld", pd, 1).logits(pd, 1));
        double tftPerMove = exact.averageReward(0);            // 0.995

        // A training run: 10 runs of exact LOLA against LOLA on the LOLA papers' IPD, 200 steps.
        IteratedGame ipd = IteratedGame.infinite(BuiltInGames.IPD, 0.96);
        LearningRule lola = AgentCatalog.create(ComponentSpec.parse("lola"), AgentDefaults.standard());
        TrainingResult training = Trainer.train(new TrainingConfig(ipd, lola, lola, 200, 1.0,
                Optimizer.Kind.SGD, new Initialisation.Normal(1.0), null, null, 10, 0), 2, ProgressListener.NONE);
        double lolaReward = training.meanFinalReward(0);        // about -1.1: cooperation

        // A tournament: learners and fixed strategies, 3 repetitions.
        TournamentResult tournament = Tournament.run(new TournamentConfig(
                Entrant.parseRoster("nl,lola,sos,tft,alld", AgentDefaults.standard()), ipd, 100, 3, 0,
                Optimizer.Kind.SGD, 1.0, TournamentConfig.DEFAULT_INIT, 2));
        String winner = tournament.standings().get(0).name();
        // README:end
        assertEquals(0.995, tftPerMove, 1e-12);
        assertTrue(lolaReward > -1.5 && lolaReward < -1.0, "LOLA-LOLA " + lolaReward);
        assertTrue(!winner.equals("alld") && !winner.equals("nl"), winner);
    }

    @Test
    void theReadmeShowsThisCode() throws IOException {
        String source = Files.readString(Path.of("src", "test", "java", "dev", "opshape", "examples",
                "UseFromJavaTest.java"), StandardCharsets.UTF_8);
        String begin = "// README:begin\n";
        String snippet = source.substring(source.indexOf(begin) + begin.length(), source.indexOf("        // README:end"));
        StringBuilder unindented = new StringBuilder();
        for (String line : snippet.split("\n", -1)) {
            unindented.append(line.startsWith("        ") ? line.substring(8) : line).append('\n');
        }
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String expected = unindented.toString().stripTrailing();
        assertTrue(readme.contains(expected), "README.md's Use from Java snippet differs from UseFromJavaTest:\n"
                + expected);
    }
}
