package dev.opshape.cli.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Whether this process's standard error is a terminal, and how wide that terminal is: the progress bar is drawn
 * there and only there.
 *
 * <p>Java 17 has no {@code isatty}: {@link System#console()} is non-null only when standard input <em>and</em>
 * standard output are terminals, so it hides the bar when only stdout is redirected ({@code > result.txt}) and says
 * nothing about stderr ({@code 2> log}). On Linux the link {@code /proc/self/fd/2} names the file stderr is open
 * on; it is a terminal when that is a character device named like one ({@code /dev/pts/N}, {@code /dev/ttyN},
 * {@code /dev/console}; {@code /dev/null} is a character device too, hence the name). Where {@code /proc} does not
 * exist (macOS, BSD) the fallback is {@code System.console() != null}.
 */
final class StderrTerminal {

    private static final Path STDERR_LINK = Path.of("/proc/self/fd/2");
    private static final Pattern TERMINAL_NAME = Pattern.compile("/dev/(pts/\\d+|tty\\w*|console)");
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int TYPE_MASK = 0170000;
    private static final int DEFAULT_COLUMNS = 80;

    private StderrTerminal() {
    }

    /** The terminal device stderr is attached to, or empty if stderr is not a terminal. */
    static Optional<Path> device() {
        if (!Files.exists(STDERR_LINK, LinkOption.NOFOLLOW_LINKS)) {
            return System.console() != null ? Optional.of(Path.of("/dev/tty")) : Optional.empty();
        }
        try {
            Path target = Files.readSymbolicLink(STDERR_LINK);
            if (!TERMINAL_NAME.matcher(target.toString()).matches()) {
                return Optional.empty();
            }
            int mode = (Integer) Files.getAttribute(target, "unix:mode");
            return (mode & TYPE_MASK) == CHARACTER_DEVICE ? Optional.of(target) : Optional.empty();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * The terminal's width in columns: {@code stty size} read from the device (the terminal stderr is on, which
     * need not be stdin's or stdout's), else the {@code COLUMNS} variable, else 80.
     */
    static int columns(Path device) {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(device.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output;
            try (InputStream in = stty.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
            }
            if (stty.waitFor(1, TimeUnit.SECONDS) && stty.exitValue() == 0) {
                String[] rowsAndColumns = output.split("\\s+");
                if (rowsAndColumns.length == 2) {
                    int columns = Integer.parseInt(rowsAndColumns[1]);
                    if (columns > 0) {
                        return columns;
                    }
                }
            } else {
                stty.destroy();
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            // no stty, or an answer that is not "ROWS COLUMNS": try the environment
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            int columns = Integer.parseInt(String.valueOf(System.getenv("COLUMNS")).strip());
            return columns > 0 ? columns : DEFAULT_COLUMNS;
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }
}
