package dev.opshape.cli.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFileWriterTest {

    @TempDir
    Path dir;

    private long filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    @Test
    void writesAndReplaces() throws IOException {
        Path target = dir.resolve("curve.csv");
        AtomicFileWriter.writeString(target, "step,v1\n0,-37.5\n");
        assertEquals("step,v1\n0,-37.5\n", Files.readString(target));
        AtomicFileWriter.writeText(target, out -> out.write("caf\u00e9\n"));
        assertEquals("caf\u00e9\n", Files.readString(target));
        AtomicFileWriter.writeBytes(target, out -> out.write(new byte[] {1, 2, 3}));
        assertEquals(3, Files.size(target));
        assertEquals(1, filesIn(dir), "no temporary file is left behind");
    }

    @Test
    void failedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path target = dir.resolve("result.json");
        AtomicFileWriter.writeString(target, "{\"old\": true}");
        IOException e = assertThrows(IOException.class, () -> AtomicFileWriter.writeText(target,
                out -> {
                    out.write("{\"new\": ");
                    throw new IOException("disk full");
                }));
        assertTrue(e.getMessage().contains("result.json") && e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("{\"old\": true}", Files.readString(target));
        assertEquals(1, filesIn(dir));
        assertThrows(IllegalStateException.class, () -> AtomicFileWriter.writeText(target,
                out -> {
                    throw new IllegalStateException("bug");
                }));
        assertEquals(1, filesIn(dir));
    }

    @Test
    void missingDirectoryIsReported() {
        Path target = dir.resolve("no/such/dir/out.csv");
        IOException e = assertThrows(IOException.class, () -> AtomicFileWriter.writeString(target, "x"));
        assertTrue(e.getMessage().startsWith("'" + target + "' cannot be created: directory '" + target.getParent()
                + "' does not exist"), e.getMessage());
    }

    @Test
    void resultIsNotPrivateLikeATempFile() throws IOException {
        Path target = dir.resolve("plot.svg");
        AtomicFileWriter.writeString(target, "<svg/>");
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(target);
        // Files.createTempFile would give rw------- whatever the umask; a normal file is readable by its group
        // or others under any usual umask (022, 002, 027).
        assertTrue(permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ), permissions::toString);
    }
}
