package dev.taskflux.service.handler;

import dev.taskflux.api.error.Violations;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads handler params as typed values. A missing or {@code null} param reads as empty; a param of
 * the wrong shape also reads as empty and is recorded as a violation of {@code params.<key>}, so a
 * validator reports every bad param at once.
 */
final class ParamReader {

    private static final String DURATION_FORMAT =
            "must be an ISO-8601 duration such as PT5S or a whole number of milliseconds";

    private final Map<String, Object> params;
    private final Violations violations = new Violations();

    ParamReader(Map<String, Object> params) {
        this.params = params == null ? Map.of() : params;
    }

    Optional<String> string(String key) {
        return typed(key, String.class, "must be a string");
    }

    Optional<Boolean> bool(String key) {
        return typed(key, Boolean.class, "must be true or false");
    }

    Optional<Long> integer(String key) {
        return raw(key).flatMap(value -> {
            Optional<Long> whole = wholeNumber(value);
            if (whole.isEmpty()) {
                reject(key, "must be a whole number");
            }
            return whole;
        });
    }

    Optional<Duration> duration(String key) {
        return raw(key).flatMap(value -> {
            Optional<Duration> parsed = parseDuration(value);
            if (parsed.isEmpty()) {
                reject(key, DURATION_FORMAT);
            }
            return parsed;
        });
    }

    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> object(String key) {
        return typed(key, Map.class, "must be an object").map(map -> (Map<String, Object>) map);
    }

    @SuppressWarnings("unchecked")
    Optional<List<Object>> list(String key) {
        return typed(key, List.class, "must be an array").map(list -> (List<Object>) list);
    }

    /** The param as given, whatever its type. */
    Optional<Object> raw(String key) {
        return Optional.ofNullable(params.get(key));
    }

    /** Records every param not in {@code known}, which catches misspelt names. */
    ParamReader rejectUnknown(Collection<String> known) {
        String names = known.stream().sorted().collect(Collectors.joining(", "));
        params.keySet().stream()
                .filter(key -> !known.contains(key))
                .sorted()
                .forEach(key -> reject(key, "unknown parameter; known: " + names));
        return this;
    }

    /** Records a violation of {@code params.<key>}. */
    void reject(String key, String reason) {
        violations.add("params." + key, reason);
    }

    /** Throws {@link dev.taskflux.api.error.InvalidArgumentException} naming every violation, if any. */
    void throwIfAny() {
        violations.throwIfAny();
    }

    static Optional<Long> wholeNumber(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
        }
        if (value instanceof Number number) {
            try {
                return Optional.of(new BigDecimal(number.toString()).longValueExact());
            } catch (ArithmeticException | NumberFormatException notWhole) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static Optional<Duration> parseDuration(Object value) {
        if (value instanceof String text) {
            if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
                return millis(text);
            }
            try {
                return Optional.of(Duration.parse(text));
            } catch (DateTimeParseException malformed) {
                return Optional.empty();
            }
        }
        return wholeNumber(value).map(Duration::ofMillis);
    }

    private static Optional<Duration> millis(String digits) {
        try {
            return Optional.of(Duration.ofMillis(Long.parseLong(digits)));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    private <T> Optional<T> typed(String key, Class<T> type, String reason) {
        return raw(key).flatMap(value -> {
            if (type.isInstance(value)) {
                return Optional.of(type.cast(value));
            }
            reject(key, reason);
            return Optional.empty();
        });
    }
}
