package dev.taskflux.service.workflow.expression;

import com.google.common.primitives.UnsignedLong;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries values between JSON as Java holds it (maps, lists, strings, numbers, booleans, null) and
 * CEL. CEL knows only 64-bit integers and doubles and has its own null, and a plain Java
 * {@code null} inside a map would be taken for an unknown value, so everything is converted on the
 * way in and back on the way out.
 */
final class CelValues {

    private CelValues() {
    }

    /** The CEL form of a JSON value. */
    static Object toCel(Object value) {
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof BigInteger big) {
            if (big.bitLength() >= Long.SIZE) {
                throw new ExpressionException("integer " + big + " does not fit in 64 bits");
            }
            return big.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new LinkedHashMap<>();
            map.forEach((key, item) -> converted.put(key(key), toCel(item)));
            return converted;
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            list.forEach(item -> converted.add(toCel(item)));
            return converted;
        }
        throw new ExpressionException("a " + value.getClass().getSimpleName() + " is not a JSON value");
    }

    /** The JSON form of a CEL result; timestamps become ISO-8601 strings. */
    static Object toJson(Object value) {
        if (value == null || value instanceof NullValue || value instanceof com.google.protobuf.NullValue) {
            return null;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Long) {
            return value;
        }
        if (value instanceof Double number) {
            if (number.isNaN() || number.isInfinite()) {
                throw new ExpressionException(number + " is not a JSON number");
            }
            return number;
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> converted = new LinkedHashMap<>();
            map.forEach((key, item) -> converted.put(key(key), toJson(item)));
            return converted;
        }
        if (value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            list.forEach(item -> converted.add(toJson(item)));
            return converted;
        }
        throw new ExpressionException("a CEL " + typeName(value) + " cannot be used as a JSON value");
    }

    /** The CEL name of a value's type, for messages. */
    static String typeName(Object value) {
        if (value == null || value instanceof NullValue || value instanceof com.google.protobuf.NullValue) {
            return "null";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Long) {
            return "int";
        }
        if (value instanceof Double) {
            return "double";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Map) {
            return "map";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof UnsignedLong) {
            return "uint";
        }
        if (value instanceof CelByteString) {
            return "bytes";
        }
        if (value instanceof Duration) {
            return "duration";
        }
        return value.getClass().getSimpleName();
    }

    private static String key(Object key) {
        if (key instanceof String text) {
            return text;
        }
        throw new ExpressionException("map key " + key + " is a " + typeName(key) + ", JSON needs a string");
    }
}
