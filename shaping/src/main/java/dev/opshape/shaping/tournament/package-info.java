/**
 * Round-robin tournaments between learning agents and fixed strategies, scored exactly.
 *
 * <p>Entry point: {@link dev.opshape.shaping.tournament.Tournament#run}. It takes a
 * {@link dev.opshape.shaping.tournament.TournamentConfig}, streams one
 * {@link dev.opshape.shaping.tournament.RunOutcome} per run to a
 * {@link dev.opshape.shaping.tournament.TournamentListener} in a fixed order, reports progress one unit per update
 * of each run, and returns a {@link dev.opshape.shaping.tournament.TournamentResult} (standings, payoff matrix,
 * per-pairing summaries).
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>Pairings.</b> Every pairing is played, self-play included. In a symmetric stage game
 *       ({@link dev.opshape.games.MatrixGame#isSymmetric()}) each unordered pair is played once, the agent listed
 *       first in the roster as player 1, plus each agent against itself: n (n + 1) / 2 pairings. Otherwise the
 *       roles differ, so every ordered pair is played: n^2 pairings.</li>
 *   <li><b>Runs.</b> Repetition r of a pairing is one training run: both agents update simultaneously for N steps
 *       with the shared optimiser and learning rate (fixed strategies never change), then the final policies are
 *       evaluated exactly. Repetition r of every pairing starts from the same seeded logits (player 1's and player
 *       2's draws keyed by (seed, run r)), so pairings are compared on equal starts; the learners' own random
 *       streams (sampled estimators) are keyed by run index pairing * R + r, so they differ between
 *       pairings.</li>
 *   <li><b>Payoff.</b> The exact average reward per move of the final policies, with no sampling noise. The
 *       discount gamma acts as the continuation probability: if another move follows each move with probability
 *       gamma, move t is played with probability gamma^t, the number of moves is geometric with mean
 *       1 / (1 - gamma), and the discounted value V = sum_t gamma^t E[r_t] is the expected total payoff of the
 *       game; (1 - gamma) V is the expected total payoff divided by the expected number of moves. With a finite
 *       horizon T the game also stops after T moves and the average is V / sum_{t &lt; T} gamma^t.</li>
 *   <li><b>Trembling-hand noise.</b> In a game with noise ({@link dev.opshape.games.IteratedGame#noise()}) the
 *       payoffs are the noisy game's exact values, exact learners follow its exact gradients and sampled learners
 *       estimate them from trajectories of the noisy game (unbiasedly, where they are without noise); the
 *       cooperation frequencies are the intended ones (see {@link dev.opshape.shaping.analysis.PolicyOutcome}).</li>
 *   <li><b>Divergence.</b> A run whose logits become NaN or infinite stops the tournament with a
 *       {@link dev.opshape.shaping.training.TrainingDivergedException} naming the pairing and repetition; the runs
 *       before it in streaming order have been delivered. Dropping the run would bias the means towards agents that
 *       survive, and any substitute payoff would be invented.</li>
 *   <li><b>Reproducibility.</b> Results and the streamed order are identical, bit for bit, for any number of
 *       threads: runs depend only on (seed, run index), and results are aggregated in streaming order, never in
 *       completion order.</li>
 * </ul>
 * Standings, confidence intervals, wins and the payoff matrix are defined in
 * {@link dev.opshape.shaping.tournament.Standing} and {@link dev.opshape.shaping.tournament.PayoffMatrix}.
 */
package dev.opshape.shaping.tournament;
