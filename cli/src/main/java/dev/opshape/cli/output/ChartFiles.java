package dev.opshape.cli.output;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Saves XChart charts atomically as PNG or SVG, chosen by the file's extension.
 */
public final class ChartFiles {

    private ChartFiles() {
    }

    /** Whether the path ends in .png or .svg (case-insensitive). */
    public static boolean supported(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".svg");
    }

    /**
     * Writes the chart to {@code file} (.png or .svg).
     *
     * @throws IllegalArgumentException for another extension (check {@link #supported} when parsing options)
     */
    public static void save(Chart<?, ?> chart, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            AtomicFileWriter.writeBytes(file, out -> BitmapEncoder.saveBitmap(chart, out,
                    BitmapEncoder.BitmapFormat.PNG));
        } else if (name.endsWith(".svg")) {
            AtomicFileWriter.writeBytes(file, out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        } else {
            throw new IllegalArgumentException("plot file '" + file + "' must end in .png or .svg");
        }
    }
}
