package dev.taskflux.service.handler;

import static dev.taskflux.service.handler.Contexts.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskflux.api.error.FieldViolation;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandlerContextTest {

    @Test
    void readsDurationsAsIsoOrMillis() {
        HandlerContext context = context("sleep", Map.of("iso", "PT5S", "int", 1500, "long", 90_000L,
                "text", "250", "double", 2.0));

        assertThat(context.duration("iso")).contains(Duration.ofSeconds(5));
        assertThat(context.duration("int")).contains(Duration.ofMillis(1500));
        assertThat(context.duration("long")).contains(Duration.ofSeconds(90));
        assertThat(context.duration("text")).contains(Duration.ofMillis(250));
        assertThat(context.duration("double")).contains(Duration.ofMillis(2));
        assertThat(context.duration("missing")).isEmpty();
    }

    @Test
    void rejectsMalformedParamsNamingThem() {
        HandlerContext context = context("sleep", Map.of("d", "five seconds", "frac", 1.5, "s", 42, "b", "yes"));

        assertThat(Violated.by(() -> context.duration("d"))).containsExactly(new FieldViolation("params.d",
                "must be an ISO-8601 duration such as PT5S or a whole number of milliseconds"));
        assertThat(Violated.fields(() -> context.duration("frac"))).containsExactly("params.frac");
        assertThat(Violated.by(() -> context.string("s")))
                .containsExactly(new FieldViolation("params.s", "must be a string"));
        assertThat(Violated.fields(() -> context.flag("b"))).containsExactly("params.b");
    }

    @Test
    void readsStringsAndFlags() {
        HandlerContext context = context("x", Map.of("s", "hello", "b", true));

        assertThat(context.string("s")).contains("hello");
        assertThat(context.flag("b")).contains(true);
    }

    @Test
    void treatsNullParamsAsMissing() {
        Map<String, Object> params = new HashMap<>();
        params.put("d", null);

        assertThat(context("x", params).duration("d")).isEmpty();
        assertThat(context("x", null).params()).isEmpty();
    }

    @Test
    void copiesParams() {
        Map<String, Object> params = new HashMap<>(Map.of("a", 1));
        HandlerContext context = context("x", params);
        params.put("b", 2);

        assertThat(context.params()).containsOnlyKeys("a");
        assertThatThrownBy(() -> context.params().put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
    }
}
