package dev.taskflux.service.task;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param items the page
 * @param page  zero-based page number
 * @param size  requested page size
 * @param total matches over all pages
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** The same page with each item converted. */
    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
