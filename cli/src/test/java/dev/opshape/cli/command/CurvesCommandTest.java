package dev.opshape.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opshape.cli.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code opshape curves}: its summaries recomputed by hand from the training CSV it reads (here, parsed by this test
 * line by line), its plots, and one-line refusals of files that are not training curves.
 */
class CurvesCommandTest {

    private static Path train(Path dir, String name, String agent, String... extra) {
        Path csv = dir.resolve(name + ".csv");
        List<String> args = new ArrayList<>(List.of("train", "--agent1", agent, "--agent2", agent, "--steps", "12",
                "--runs", "3", "--quiet", "--csv", csv.toString()));
        args.addAll(List.of(extra));
        CommandRun run = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run::toString);
        return csv;
    }

    /** Per run, the mean over the last {@code last} updates of (avgReward1 + avgReward2) / 2, then over runs. */
    private static double[] finalScore(Path csv, int last) throws Exception {
        double[] perRun = new double[3];
        for (String line : Files.readAllLines(csv)) {
            if (line.startsWith("#") || line.startsWith("run")) {
                continue;
            }
            String[] f = line.split(",", -1);
            int update = Integer.parseInt(f[1]);
            if (update > 12 - last) {
                perRun[Integer.parseInt(f[0])] += (Double.parseDouble(f[2]) + Double.parseDouble(f[3])) / 2 / last;
            }
        }
        double mean = (perRun[0] + perRun[1] + perRun[2]) / 3;
        double squares = 0;
        for (double v : perRun) {
            squares += (v - mean) * (v - mean);
        }
        return new double[] {mean, Math.sqrt(squares / 2 / 3)};
    }

    @Test
    void summarisesEachFileAsItsRunsGiveAndPlotsEveryMeasure(@TempDir Path dir) throws Exception {
        Path exact = train(dir, "exact", "lola");
        Path sampled = train(dir, "sampled", "lola:est=dice:batch=8:horizon=10:offpolicy=32:prefill=2:replay=shared",
                "--compare-exact");
        Path plots = dir.resolve("plots");
        CommandRun run = CommandRun.of("curves", "exact=" + exact, "dice=" + sampled, "--last", "4", "--json",
                "--plot", plots.toString());
        assertEquals(0, run.exitCode(), run::toString);
        JsonNode json = run.json();
        assertEquals(CurvesCommand.SCHEMA, json.get("manifest").get("schema").asText());
        JsonNode first = json.get("configurations").get(0);
        JsonNode second = json.get("configurations").get(1);
        assertEquals("exact", first.get("label").asText());
        assertEquals(3, first.get("runs").asInt());
        assertEquals(12, first.get("updates").asInt());
        for (Object[] c : new Object[][] {{first, exact}, {second, sampled}}) {
            double[] expected = finalScore((Path) c[1], 4);
            JsonNode score = ((JsonNode) c[0]).get("finalScore");
            assertEquals(expected[0], score.get("mean").asDouble(), 1e-12);
            assertEquals(expected[1], score.get("se").asDouble(), 1e-12);
        }
        assertFalse(first.has("corr") || first.has("ess"));
        double corr = second.get("corr").get("mean").asDouble();
        assertTrue(corr > -1 && corr < 1, "corr " + corr);
        double ess = second.get("ess").get("mean").asDouble();
        assertTrue(ess >= 1 && ess <= 32, "ess " + ess);
        for (String png : List.of("score.png", "corr.png", "ess.png")) {
            assertTrue(Files.size(plots.resolve(png)) > 1000, png);
        }
        // The training JSON carries the same per-update effective sample sizes and their mean.
        JsonNode trained = CommandRun.of("train", "--agent1",
                "lola:est=dice:batch=8:horizon=10:offpolicy=32:prefill=2:replay=shared", "--agent2",
                "lola:est=dice:batch=8:horizon=10:offpolicy=32:prefill=2:replay=shared", "--steps", "12", "--runs",
                "3", "--quiet", "--json").json();
        assertEquals(12, trained.get("runs").get(0).get("effectiveSampleSize").get("ess1").size());
        assertEquals(32.0, trained.get("runs").get(0).get("effectiveSampleSize").get("ess2").get(0).asDouble(), 1e-9);
        assertEquals(ess, (trained.get("summary").get("effectiveSampleSize").get("ess1").asDouble()
                + trained.get("summary").get("effectiveSampleSize").get("ess2").asDouble()) / 2, 1e-9);
        CommandRun text = CommandRun.of("curves", exact.toString());
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().contains("exact.csv"), text.out());
    }

    @Test
    void refusesFilesThatAreNotTrainingCurvesWithOneLine(@TempDir Path dir) throws Exception {
        Path good = train(dir, "good", "nl");
        Path other = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        Path broken = Files.writeString(dir.resolve("broken.csv"), "run,update,avgReward1,avgReward2\n0,0,x,1\n");
        Path gap = Files.writeString(dir.resolve("gap.csv"), "run,update,avgReward1,avgReward2\n0,0,1,1\n0,2,1,1\n");
        String[][] cases = {
            {"missing=" + dir.resolve("none.csv"), "no such file"},
            {"dir=" + dir, "not a regular file"},
            {"other=" + other, "no column 'run'"},
            {"broken=" + broken, "avgReward1 'x' is not a number"},
            {"gap=" + gap, "has update 2 where 1 was expected"},
        };
        for (String[] c : cases) {
            CommandRun run = CommandRun.of("curves", c[0]);
            assertEquals(2, run.exitCode(), run::toString);
            run.assertOneErrorLine();
            assertTrue(run.err().contains(c[1]), run::toString);
        }
        CommandRun twice = CommandRun.of("curves", "a=" + good, "a=" + good);
        assertEquals(2, twice.exitCode());
        assertTrue(twice.err().contains("label 'a' is given twice"), twice::toString);
        CommandRun tooLong = CommandRun.of("curves", "--last", "13", good.toString());
        assertEquals(2, tooLong.exitCode());
        assertTrue(tooLong.err().contains("13 is more than the 12 updates"), tooLong::toString);
        CommandRun zero = CommandRun.of("curves", "--last", "0", good.toString());
        assertEquals(2, zero.exitCode());
        zero.assertOneErrorLine();
    }
}
