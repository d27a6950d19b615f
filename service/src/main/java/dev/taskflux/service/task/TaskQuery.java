package dev.taskflux.service.task;

import dev.taskflux.api.TaskStatus;
import dev.taskflux.api.error.InvalidArgumentException;
import java.util.List;

/**
 * Filters and page of a task list.
 *
 * @param status  only definitions in this state
 * @param owner   only definitions of this owner
 * @param name    only definitions whose name contains this text (case-insensitive)
 * @param label   only definitions with this label, as {@code key=value} (or just {@code key})
 * @param page    zero-based page number
 * @param size    page size, 1 to 500
 */
public record TaskQuery(TaskStatus status, String owner, String name, String label, int page, int size) {

    /** Largest page. */
    public static final int MAX_SIZE = 500;

    public TaskQuery {
        if (page < 0) {
            throw InvalidArgumentException.of("page", "must not be negative");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw InvalidArgumentException.of("size", "must be between 1 and " + MAX_SIZE);
        }
        for (String text : new String[] {owner, name, label}) {
            if (text != null && text.indexOf('\0') >= 0) {
                throw InvalidArgumentException.of("query", "filters must not contain NUL characters");
            }
        }
        if (label != null && (label.isBlank() || label.startsWith("="))) {
            throw InvalidArgumentException.of("label", "must be key or key=value");
        }
    }

    /** The SQL {@code WHERE} clause over alias {@code d}, appending its arguments to {@code args}. */
    String where(List<Object> args) {
        StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
        if (status != null) {
            args.add(status.name());
            sql.append(" AND d.status = $").append(args.size());
        }
        if (owner != null) {
            args.add(owner);
            sql.append(" AND d.owner = $").append(args.size());
        }
        if (name != null) {
            args.add("%" + name.toLowerCase(java.util.Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%");
            sql.append(" AND LOWER(d.name) LIKE $").append(args.size());
        }
        if (label != null) {
            int eq = label.indexOf('=');
            args.add(eq < 0 ? label : label.substring(0, eq));
            sql.append(" AND EXISTS (SELECT 1 FROM task_label l WHERE l.definition_id = d.id AND l.label_key = $")
                    .append(args.size());
            if (eq >= 0) {
                args.add(label.substring(eq + 1));
                sql.append(" AND l.label_value = $").append(args.size());
            }
            sql.append(")");
        }
        return sql.toString();
    }
}
