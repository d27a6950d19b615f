package dev.taskflux.client;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items the page
 * @param page  zero-based page number
 * @param size  requested page size
 * @param total matches over all pages
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }
}
