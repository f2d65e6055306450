package dev.opshape.cli.option;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.InvalidGameException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentSpecTest {

    @Test
    void splitsNameAndKeyValuesInOrder() {
        AgentSpec spec = AgentSpec.parse("LOLA:k=2:est=dice:batch=128");
        assertEquals("lola", spec.name());
        assertEquals(List.of("k", "est", "batch"), List.copyOf(spec.params().keySet()));
        assertEquals(Map.of("k", "2", "est", "dice", "batch", "128"), spec.params());
        assertEquals("lola:k=2:est=dice:batch=128", spec.toString());
        assertEquals(Map.of("p", "1/1/0/1/0"), AgentSpec.parse("probs:p=1/1/0/1/0").params());
        assertEquals(Map.of(), AgentSpec.parse("tft").params());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":k=1", "1tft", "gtft:g", "gtft:=3", "gtft:g=", "gtft::g=1", "gtft:g=1:g=2",
        "gtft:1=2"})
    void rejectsMalformedSpecs(String text) {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> AgentSpec.parse(text));
        assertTrue(e.getMessage().startsWith("'" + text + "'"), e.getMessage());
    }

    @Test
    void logitsArgumentTellsListsFromStrategies() {
        LogitsArgument.Converter converter = new LogitsArgument.Converter();
        assertInstanceOf(LogitsArgument.Numbers.class, converter.convert("inf,0,0,0,0"));
        assertInstanceOf(LogitsArgument.Numbers.class, converter.convert("Infinity,0,0,0,0"));
        assertInstanceOf(LogitsArgument.Numbers.class, converter.convert("-1,0,0,0,0"));
        assertInstanceOf(LogitsArgument.Strategy.class, converter.convert("gtft:g=0.1"));
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY},
                converter.convert("WSLS").logits(BuiltInGames.IPD, 1));
        TypeConversionException unknown = assertThrows(TypeConversionException.class,
                () -> converter.convert("titfortat"));
        assertTrue(unknown.getMessage().startsWith("unknown strategy 'titfortat'; allowed:"), unknown.getMessage());
        // NaN is not a strategy name
        assertTrue(assertThrows(TypeConversionException.class, () -> converter.convert("nan,0,0,0,0"))
                .getMessage().contains("NaN is not allowed"));
        InvalidGameException length = assertThrows(InvalidGameException.class,
                () -> converter.convert("0,0").logits(BuiltInGames.IPD, 0));
        assertEquals("2 logits given; agent 1 of game 'ipd' has 5 (one per state: start, CC, CD, DC, DD)",
                length.getMessage());
    }
}
