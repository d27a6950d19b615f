package dev.taskflux.service.workflow.expression;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled expressions by source text, least recently used dropped first once {@code capacity}
 * is reached. Workflows reuse a handful of expressions on every run, so compiling each once pays.
 */
final class ExpressionCache {

    private final Map<String, CompiledExpression> entries;

    ExpressionCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be positive, was " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompiledExpression> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached expression for {@code source}, or {@code null}. */
    synchronized CompiledExpression find(String source) {
        return entries.get(source);
    }

    /** Remembers {@code compiled} under its source text. */
    synchronized void remember(CompiledExpression compiled) {
        entries.put(compiled.source(), compiled);
    }

    /** How many expressions are held. */
    synchronized int size() {
        return entries.size();
    }
}
