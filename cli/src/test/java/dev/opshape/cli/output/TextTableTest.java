package dev.opshape.cli.output;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextTableTest {

    @Test
    void alignsTextLeftAndNumbersRight() {
        TextTable table = new TextTable().left("state").right("p(C)").left("note");
        table.row("start", "0.5", "");
        table.row("CC", "1", "cooperate");
        assertEquals(List.of(
                "state  p(C)  note",
                "start   0.5",
                "CC        1  cooperate"), table.lines());
        StringWriter out = new StringWriter();
        table.print(new PrintWriter(out, true), "  ");
        assertEquals("  state  p(C)  note\n  start   0.5\n  CC        1  cooperate\n",
                out.toString().replace(System.lineSeparator(), "\n"));
        assertEquals(2, table.size());
    }

    @Test
    void rowsMustFitTheColumns() {
        TextTable table = new TextTable().left("a").right("b");
        assertThrows(IllegalArgumentException.class, () -> table.row("only one"));
    }
}
