package dev.taskflux.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void printsTableNotesAndOneResultLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        new Report("drain").add("tasks", "tasks", 50000, "")
                .add("executions_per_s", "executions per second", 1234.56, "/s")
                .add("p50_ms", "lateness p50", Double.NaN, "ms").note("a note")
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("== drain ==", "executions per second  1234.6 /s", "  * a note");
        assertThat(out.lines().filter(l -> l.startsWith("RESULT "))).containsExactly(
                "RESULT drain tasks=50000 executions_per_s=1234.6 p50_ms=NaN");
    }
}
