package dev.massager.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Throughput against latency, one line per series of runs, as a PNG. */
public final class LatencyChart {

    /** One run: the rate it achieved and a latency of it, in milliseconds. */
    public record Point(double perSecond, double millis) {}

    private final String title;
    private final List<String> names = new ArrayList<>();
    private final List<List<Point>> series = new ArrayList<>();

    public LatencyChart(String title) {
        this.title = title;
    }

    /** Adds a line, e.g. the gateway's p99 at each rate tried. */
    public LatencyChart series(String name, List<Point> points) {
        if (!points.isEmpty()) {
            names.add(name);
            series.add(List.copyOf(points));
        }
        return this;
    }

    /**
     * Writes the chart.
     *
     * @param file the PNG to write
     */
    public void write(Path file) {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(520)
                .title(title)
                .xAxisTitle("messages/s")
                .yAxisTitle("latency, ms (log scale)")
                .build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("#,###");
        chart.getStyler().setYAxisDecimalPattern("#,##0.#");
        for (int i = 0; i < names.size(); i++) {
            List<Point> points = series.get(i).stream()
                    .sorted(java.util.Comparator.comparingDouble(Point::perSecond))
                    .toList();
            XYSeries line = chart.addSeries(
                    names.get(i),
                    points.stream().mapToDouble(Point::perSecond).toArray(),
                    // A log axis cannot show zero.
                    points.stream().mapToDouble(p -> Math.max(0.01, p.millis())).toArray());
            line.setMarker(SeriesMarkers.CIRCLE);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the chart " + file, e);
        }
    }
}
