package dev.taskflux.proto.convert;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Well-known protobuf types and their Java counterparts: {@code Struct} and {@code Value} as the
 * JSON-like maps, lists, strings, numbers and booleans handlers use; {@code Timestamp} as
 * {@link Instant}; {@code Duration} as {@link Duration}.
 */
public final class ProtoValues {

    private ProtoValues() {
    }

    /** The map a struct holds; numbers that are whole read as {@code Long}, others as {@code Double}. */
    public static Map<String, Object> map(Struct struct) {
        Map<String, Object> map = new LinkedHashMap<>();
        struct.getFieldsMap().forEach((key, value) -> map.put(key, java(value)));
        return map;
    }

    /** The Java value of {@code value}: {@code null}, Boolean, Long or Double, String, List or Map. */
    public static Object java(Value value) {
        switch (value.getKindCase()) {
            case BOOL_VALUE:
                return value.getBoolValue();
            case NUMBER_VALUE:
                double number = value.getNumberValue();
                boolean whole = number == Math.rint(number) && !Double.isInfinite(number) && Math.abs(number) < 0x1p53;
                return whole ? (Object) (long) number : (Object) number;
            case STRING_VALUE:
                return value.getStringValue();
            case LIST_VALUE:
                List<Object> list = new ArrayList<>();
                value.getListValue().getValuesList().forEach(v -> list.add(java(v)));
                return list;
            case STRUCT_VALUE:
                return map(value.getStructValue());
            default:
                return null;
        }
    }

    /** {@code map} as a struct. */
    public static Struct struct(Map<String, ?> map) {
        Struct.Builder struct = Struct.newBuilder();
        map.forEach((key, value) -> struct.putFields(key, value(value)));
        return struct.build();
    }

    /**
     * {@code object} as a value: maps, iterables, strings, numbers, booleans and {@code null}; any
     * other object by its {@code toString()}.
     */
    public static Value value(Object object) {
        if (object == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (object instanceof Boolean b) {
            return Value.newBuilder().setBoolValue(b).build();
        }
        if (object instanceof Number n) {
            double d = n instanceof BigDecimal big ? big.doubleValue() : n.doubleValue();
            return Value.newBuilder().setNumberValue(d).build();
        }
        if (object instanceof Map<?, ?> map) {
            Struct.Builder struct = Struct.newBuilder();
            map.forEach((key, value) -> struct.putFields(String.valueOf(key), value(value)));
            return Value.newBuilder().setStructValue(struct).build();
        }
        if (object instanceof Iterable<?> iterable) {
            ListValue.Builder list = ListValue.newBuilder();
            iterable.forEach(item -> list.addValues(value(item)));
            return Value.newBuilder().setListValue(list).build();
        }
        return Value.newBuilder().setStringValue(object.toString()).build();
    }

    /** {@code instant} as a timestamp. */
    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** The instant of {@code timestamp}. */
    public static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    /** {@code duration} as a protobuf duration. */
    public static com.google.protobuf.Duration duration(Duration duration) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(duration.getSeconds())
                .setNanos(duration.getNano()).build();
    }

    /** The duration of a protobuf duration. */
    public static Duration duration(com.google.protobuf.Duration duration) {
        return Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
    }
}
