package dev.taskflux.service.workflow.expression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Walks a JSON parameter tree, naming each string by its path the way field violations do. */
final class ParamTree {

    /** What to do with one string found at {@code path}. */
    @FunctionalInterface
    interface StringVisitor {
        Object visit(String text, String path);
    }

    private ParamTree() {
    }

    /**
     * A copy of {@code value} with every string replaced by what {@code visitor} returns for it;
     * numbers, booleans and nulls are kept. Keys extend the path as {@code .key}, list positions
     * as {@code [index]}.
     */
    static Object map(Object value, String path, StringVisitor visitor) {
        if (value instanceof String text) {
            return visitor.visit(text, path);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key),
                    map(item, child(path, String.valueOf(key)), visitor)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int index = 0; index < list.size(); index++) {
                copy.add(map(list.get(index), path + "[" + index + "]", visitor));
            }
            return copy;
        }
        return value;
    }

    private static String child(String path, String key) {
        return path == null || path.isEmpty() ? key : path + "." + key;
    }
}
