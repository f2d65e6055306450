package dev.opshape.cli.option;

import dev.opshape.games.BuiltInGames;
import dev.opshape.games.MatrixGame;
import dev.opshape.games.io.GameReader;
import dev.opshape.tabular.InvalidModelException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * A game as given on the command line, resolved in this order:
 * <ol>
 *   <li>text starting with <code>{</code>: inline JSON in the JSON game format (see {@link GameReader});</li>
 *   <li>the name of a built-in game (case-insensitive), see {@link BuiltInGames};</li>
 *   <li>a path to a JSON game file (it must exist; so a file called {@code ipd} in the working directory is shadowed
 *       by the built-in game: write {@code ./ipd}).</li>
 * </ol>
 * Anything else is an unknown game, reported with the built-in names.
 */
public final class GameArgument implements ITypeConverter<MatrixGame> {

    @Override
    public MatrixGame convert(String value) {
        try {
            return resolve(value);
        } catch (InvalidModelException e) {
            // picocli prefixes the option's name to a TypeConversionException's message.
            throw new TypeConversionException(e.getMessage());
        }
    }

    /**
     * Resolves the text to a game.
     *
     * @throws InvalidModelException for an unknown name, an unreadable file or malformed JSON
     */
    public static MatrixGame resolve(String text) {
        String t = text.strip();
        if (t.startsWith("{")) {
            return GameReader.fromJson(t);
        }
        var builtIn = BuiltInGames.byName(t);
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        Path path = asPath(t);
        if (path != null && (Files.exists(path) || t.contains("/") || t.toLowerCase(Locale.ROOT).endsWith(".json"))) {
            // Also for a path that does not exist but is clearly meant as one, so the message says "no such file".
            return GameReader.fromFile(path);
        }
        throw new InvalidModelException("unknown game '" + text + "'; allowed: a built-in game ("
                + String.join(", ", BuiltInGames.names()) + "), a path to a JSON game file, or inline JSON such as "
                + "{\"actions1\": [\"C\",\"D\"], \"payoffs1\": [[3,0],[5,1]]}");
    }

    private static Path asPath(String text) {
        try {
            return text.isEmpty() ? null : Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The built-in names, for picocli's {@code ${COMPLETION-CANDIDATES}} in help texts and shell completion. */
    public static final class BuiltInNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return BuiltInGames.names().iterator();
        }
    }
}
