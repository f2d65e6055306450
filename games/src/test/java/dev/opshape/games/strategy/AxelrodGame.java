package dev.opshape.games.strategy;

import dev.opshape.games.MatrixGame;

import java.util.List;

/**
 * The prisoner's dilemma with Axelrod's tournament payoffs (Axelrod 1984, The Evolution of Cooperation):
 * (R, S, T, P) = (3, 0, 5, 1), the payoffs of Press and Dyson's and Nowak and Sigmund's worked examples.
 */
final class AxelrodGame {

    static final MatrixGame GAME = MatrixGame.symmetric("axelrod-pd", "prisoner's dilemma, Axelrod's payoffs",
            "Axelrod 1984, The Evolution of Cooperation", List.of("C", "D"), new double[][] {{3, 0}, {5, 1}});

    private AxelrodGame() {
    }
}
