package dev.taskflux.service.handler;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.http.HttpMethod;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One webhook call of the {@code http} handler, parsed and checked from the handler params.
 *
 * @param url              absolute http or https URL
 * @param method           request method
 * @param headers          request headers, as given
 * @param body             request body, {@code null} for none
 * @param json             whether {@code body} was given as a JSON object or array
 * @param expectedStatus   statuses that count as success; empty for any 2xx
 * @param timeout          how long the whole call, body included, may take
 * @param maxResponseBytes how many bytes of the response body to keep
 */
record HttpCall(URI url, HttpMethod method, Map<String, String> headers, String body, boolean json,
        Set<Integer> expectedStatus, Duration timeout, int maxResponseBytes) {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MAX_TIMEOUT = Duration.ofDays(1);
    static final int DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
    static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private static final List<String> PARAMS =
            List.of("url", "method", "headers", "body", "expectedStatus", "timeout", "maxResponseBytes");
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers that frame the message; letting params set them would corrupt the request. */
    private static final Set<String> FRAMING_HEADERS =
            Set.of("content-length", "transfer-encoding", "connection", "upgrade", "host");

    /**
     * Parses {@code params}.
     *
     * @throws dev.taskflux.api.error.InvalidArgumentException naming every bad param
     */
    static HttpCall parse(Map<String, Object> params) {
        ParamReader reader = new ParamReader(params).rejectUnknown(PARAMS);
        URI url = url(reader);
        HttpMethod method = method(reader);
        Map<String, String> headers = headers(reader);
        Optional<Object> rawBody = reader.raw("body");
        String body = rawBody.map(value -> body(reader, value)).orElse(null);
        Set<Integer> expectedStatus = expectedStatus(reader);
        Duration timeout = reader.duration("timeout").orElse(DEFAULT_TIMEOUT);
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            reader.reject("timeout", "must be positive and at most " + MAX_TIMEOUT);
        }
        long maxBytes = reader.integer("maxResponseBytes").orElse((long) DEFAULT_MAX_RESPONSE_BYTES);
        if (maxBytes < 0 || maxBytes > MAX_RESPONSE_BYTES) {
            reader.reject("maxResponseBytes", "must be between 0 and " + MAX_RESPONSE_BYTES);
        }
        reader.throwIfAny();
        boolean json = rawBody.filter(value -> !(value instanceof String)).isPresent();
        return new HttpCall(url, method, headers, body, json, expectedStatus, timeout, (int) maxBytes);
    }

    /** Whether {@code status} counts as success. */
    boolean expects(int status) {
        return expectedStatus.isEmpty() ? status >= 200 && status < 300 : expectedStatus.contains(status);
    }

    /** Method and URL without query or user info, which may hold secrets, for error messages. */
    String describe() {
        String port = url.getPort() == -1 ? "" : ":" + url.getPort();
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return method + " " + url.getScheme() + "://" + url.getHost() + port + path;
    }

    private static URI url(ParamReader reader) {
        Optional<String> text = reader.string("url");
        if (reader.raw("url").isEmpty()) {
            reader.reject("url", "is required");
        }
        return text.flatMap(value -> {
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return Optional.of(uri);
                }
            } catch (URISyntaxException malformed) {
                // reported below
            }
            reader.reject("url", "must be an absolute http or https URL");
            return Optional.empty();
        }).orElse(null);
    }

    private static HttpMethod method(ParamReader reader) {
        String method = reader.string("method").map(m -> m.toUpperCase(Locale.ROOT)).orElse("GET");
        if (!METHODS.contains(method)) {
            reader.reject("method", "must be one of " + String.join(", ", new TreeSet<>(METHODS)));
            return HttpMethod.GET;
        }
        return HttpMethod.valueOf(method);
    }

    private static Map<String, String> headers(ParamReader reader) {
        Map<String, String> headers = new LinkedHashMap<>();
        reader.object("headers").orElse(Map.of()).forEach((name, value) -> {
            String field = "headers." + name;
            if (!HEADER_NAME.matcher(name).matches()) {
                reader.reject(field, "is not a valid header name");
            } else if (FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                reader.reject(field, "is set by Taskflux and cannot be given");
            } else if (!(value instanceof String text) || text.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                reader.reject(field, "must be a string without line breaks");
            } else {
                headers.put(name, text);
            }
        });
        return Map.copyOf(headers);
    }

    private static String body(ParamReader reader, Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (!(value instanceof Map || value instanceof List)) {
            reader.reject("body", "must be a string, or a JSON object or array");
            return null;
        }
        try {
            return JsonMapper.shared().writeValueAsString(value);
        } catch (JacksonException unwritable) {
            reader.reject("body", "cannot be written as JSON: " + unwritable.getOriginalMessage());
            return null;
        }
    }

    private static Set<Integer> expectedStatus(ParamReader reader) {
        Set<Integer> statuses = new TreeSet<>();
        reader.list("expectedStatus").ifPresent(list -> {
            for (Object item : list) {
                Optional<Long> status = ParamReader.wholeNumber(item).filter(s -> s >= 100 && s <= 599);
                status.ifPresent(s -> statuses.add(s.intValue()));
                if (status.isEmpty()) {
                    reader.reject("expectedStatus", "must be a list of status codes from 100 to 599");
                    return;
                }
            }
            if (list.isEmpty()) {
                reader.reject("expectedStatus", "must not be empty; leave it out to accept any 2xx");
            }
        });
        return Set.copyOf(statuses);
    }
}
