package dev.taskflux.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one benchmark run, printed for people as an aligned table and for scripts as one
 * line {@code RESULT <benchmark> key=value ...}.
 */
final class Report {

    private final String benchmark;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    Report(String benchmark) {
        this.benchmark = benchmark;
    }

    /** Adds a figure: {@code key} for the RESULT line, {@code label} and {@code unit} for the table. */
    Report add(String key, String label, Object value, String unit) {
        rows.add(new Row(key, label, format(value), unit));
        return this;
    }

    /** Adds a line printed under the table. */
    Report note(String note) {
        notes.add(note);
        return this;
    }

    /** Prints the table, the notes and the RESULT line. */
    void print(PrintStream out) {
        int width = rows.stream().mapToInt(r -> r.label().length()).max().orElse(0);
        int valueWidth = rows.stream().mapToInt(r -> r.value().length()).max().orElse(0);
        out.println();
        out.println("== " + benchmark + " ==");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "  %-" + width + "s  %" + valueWidth + "s %s%n", r.label(), r.value(), r.unit());
        }
        notes.forEach(n -> out.println("  * " + n));
        StringBuilder line = new StringBuilder("RESULT ").append(benchmark);
        rows.forEach(r -> line.append(' ').append(r.key()).append('=').append(r.value()));
        out.println(line);
    }

    private static String format(Object value) {
        if (value instanceof Double d) {
            return d.isNaN() ? "NaN" : String.format(Locale.ROOT, "%.1f", d);
        }
        return String.valueOf(value);
    }

    private record Row(String key, String label, String value, String unit) {
    }
}
