package dev.opshape.tabular;

import dev.opshape.tabular.policy.ParameterLayout;

import java.util.Objects;

/**
 * The general {@link TabularProblem}: a model with its discount, horizon and noise, evaluated by the general exact
 * kernel. Made by {@link TabularProblem#of}.
 */
record ModelProblem(TabularModel model, double gamma, int horizon, double noise, ParameterLayout layout)
        implements TabularProblem {

    ModelProblem(TabularModel model, double gamma, int horizon, double noise) {
        this(model, gamma, horizon, noise, new ParameterLayout(Objects.requireNonNull(model, "model")));
    }

    ModelProblem {
        Objects.requireNonNull(model, "model");
        TabularProblem.check(gamma, horizon, noise);
    }

    @Override
    public TabularProblem withHorizon(int newHorizon) {
        return new ModelProblem(model, gamma, newHorizon, noise, layout);
    }

    @Override
    public TabularProblem withNoise(double newNoise) {
        return new ModelProblem(model, gamma, horizon, newNoise, layout);
    }
}
