package dev.opshape.shaping.tournament;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.IteratedGame;
import dev.opshape.shaping.ProgressListener;
import dev.opshape.shaping.agent.AgentDefaults;
import dev.opshape.shaping.statistics.MeanEstimate;
import dev.opshape.shaping.training.Initialisation;
import dev.opshape.shaping.training.Optimizer;
import dev.opshape.shaping.training.RunResult;
import dev.opshape.shaping.training.Trainer;
import dev.opshape.shaping.training.TrainingConfig;
import dev.opshape.shaping.training.TrainingResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Self-play in a tournament is the training experiment of the LOLA paper (Foerster et al. 2018, AAMAS, Table 3:
 * IPD, gamma 0.96, N(0, 1) logits, SGD with lr = eta = 1, 200 updates, exact gradients, LOLA in its first-order
 * Taylor form): repetition r must reproduce run r of {@link Trainer} bit for bit, since both start from the logits
 * keyed by (seed, r) and exact learners draw nothing else.
 */
class TournamentPublishedTest {

    private static final int R = 50;
    private static final long SEED = 2018;

    @Test
    void selfPlayReproducesTrainerRunsAndThePublishedMeans() {
        IteratedGame ipd = IteratedGame.infinite(BuiltInGames.IPD, 0.96);
        TournamentConfig config = new TournamentConfig(
                Entrant.parseRoster("nl,lola-taylor", AgentDefaults.standard()), ipd, 200, R, SEED,
                Optimizer.Kind.SGD, 1.0, new Initialisation.Normal(1.0), 2);
        List<RunOutcome> runs = new ArrayList<>();
        TournamentResult result = Tournament.run(config, runs::add, ProgressListener.NONE);

        // Published mean (sd over 50 runs) of the final average reward per move: NL-NL -1.98 (0.14),
        // LOLA-LOLA -1.06 (0.19). Tolerance as in PublishedTrainingTest: 3 sqrt(sd_ours^2 + sd_paper^2) / sqrt(50).
        double[] published = {-1.98, -1.06};
        double[] publishedSd = {0.14, 0.19};
        for (int agent = 0; agent < 2; agent++) {
            Entrant e = config.roster().get(agent);
            TrainingResult direct = Trainer.train(new TrainingConfig(ipd, e.rule(), e.rule(), 200, 1.0,
                    Optimizer.Kind.SGD, new Initialisation.Normal(1.0), null, null, R, SEED), 1,
                    ProgressListener.NONE);
            int pairing = agent == 0 ? 0 : 2; // (nl,nl), (nl,lola-taylor), (lola-taylor,lola-taylor)
            for (RunOutcome run : runs) {
                if (run.pairing().index() == pairing) {
                    RunResult expected = direct.runs().get(run.repetition());
                    assertEquals(expected.outcome().avgReward1(), run.outcome().avgReward1(), 0.0);
                    assertEquals(expected.outcome().avgReward2(), run.outcome().avgReward2(), 0.0);
                    assertEquals(expected.outcome().label(), run.outcome().label());
                }
            }
            PairingOutcome self = result.pairings().get(pairing);
            for (int role = 0; role < 2; role++) {
                MeanEstimate reward = self.reward(role);
                assertEquals(direct.meanFinalReward(role), reward.mean(), 1e-12);
                double tolerance = 3 * Math.hypot(reward.sd(), publishedSd[agent]) / Math.sqrt(R);
                assertEquals(published[agent], reward.mean(), tolerance, e.name() + " self-play, player "
                        + (role + 1));
            }
        }
    }
}
