package dev.opshape.cli.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The temporaries of the atomic writes in progress, deleted by a JVM shutdown hook if the process ends before they
 * are moved into place: on Ctrl-C (SIGINT), {@code kill} (SIGTERM, SIGHUP) and {@code System.exit}. A killed JVM
 * ({@code kill -9}, a power cut) runs no hook; what then remains is a hidden {@code .NAME.*.tmp} file beside the
 * target, never a damaged target.
 *
 * <p>Once shutdown has begun no new temporary is registered, so none is created after the hook ran; a write whose
 * temporary the hook deleted fails when it tries to move it, leaving the previous file in place.
 */
final class TemporaryFiles {

    private static final Set<Path> LIVE = new LinkedHashSet<>();
    private static boolean hookInstalled;
    private static boolean shuttingDown;

    private TemporaryFiles() {
    }

    /**
     * Records a temporary before it is created.
     *
     * @throws IOException if the JVM is already shutting down (then nothing may be created)
     */
    static synchronized void register(Path temporary) throws IOException {
        if (shuttingDown) {
            throw new IOException("the program is being stopped");
        }
        if (!hookInstalled) {
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(TemporaryFiles::deleteAll,
                        "opshape-delete-temporaries"));
            } catch (IllegalStateException e) {
                throw new IOException("the program is being stopped", e);
            }
            hookInstalled = true;
        }
        LIVE.add(temporary);
    }

    /** Forgets a temporary that was moved into place or deleted. */
    static synchronized void release(Path temporary) {
        LIVE.remove(temporary);
    }

    /** The temporaries not yet moved into place. */
    static synchronized Set<Path> live() {
        return Set.copyOf(LIVE);
    }

    private static synchronized void deleteAll() {
        shuttingDown = true;
        for (Path temporary : LIVE) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // Nothing more can be done while the JVM exits; the target itself is untouched.
            }
        }
        LIVE.clear();
    }
}
