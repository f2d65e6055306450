package dev.opshape.cli.option;

import dev.opshape.shaping.training.Initialisation;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/** Converter for {@code --init}: {@code zeros} or {@code normal:SIGMA} (SIGMA a finite number &gt;= 0). */
public final class InitArgument implements ITypeConverter<Initialisation> {

    @Override
    public Initialisation convert(String value) {
        String t = value.strip().toLowerCase(Locale.ROOT);
        if (t.equals("zeros")) {
            return new Initialisation.Zeros();
        }
        if (t.startsWith("normal:")) {
            String sigma = t.substring("normal:".length());
            try {
                double s = NumberArguments.parseNumber(sigma, false);
                if (s >= 0) {
                    return new Initialisation.Normal(s);
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new TypeConversionException("'" + value + "' is not zeros or normal:SIGMA with SIGMA a finite number "
                + ">= 0 (for example normal:1)");
    }
}
