package dev.taskflux.client;

import dev.taskflux.api.TaskStatus;

/**
 * Which task definitions a list returns, and which page. Fields left {@code null} do not filter.
 *
 * @param status only definitions in this state
 * @param owner  only definitions of this owner
 * @param name   only definitions whose name contains this text (case-insensitive)
 * @param label  only definitions with this label, {@code key=value} or just {@code key}
 * @param page   zero-based page number
 * @param size   page size, 1 to 500
 */
public record TaskFilter(TaskStatus status, String owner, String name, String label, int page, int size) {

    /** Every definition, first page of 50. */
    public static TaskFilter all() {
        return new TaskFilter(null, null, null, null, 0, 50);
    }

    /** This filter, only for {@code owner}. */
    public TaskFilter owner(String owner) {
        return new TaskFilter(status, owner, name, label, page, size);
    }

    /** This filter, only in {@code status}. */
    public TaskFilter status(TaskStatus status) {
        return new TaskFilter(status, owner, name, label, page, size);
    }

    /** This filter, only with {@code label} ({@code key=value} or {@code key}). */
    public TaskFilter label(String label) {
        return new TaskFilter(status, owner, name, label, page, size);
    }

    /** This filter, only names containing {@code name}. */
    public TaskFilter name(String name) {
        return new TaskFilter(status, owner, name, label, page, size);
    }

    /** This filter, page {@code page} of {@code size}. */
    public TaskFilter page(int page, int size) {
        return new TaskFilter(status, owner, name, label, page, size);
    }
}
