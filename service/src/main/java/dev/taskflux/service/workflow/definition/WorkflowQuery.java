package dev.taskflux.service.workflow.definition;

import dev.taskflux.api.error.InvalidArgumentException;
import java.util.List;
import java.util.Locale;

/**
 * Filters and page of a workflow definition list.
 *
 * @param owner only definitions of this owner
 * @param name  only definitions whose name contains this text (case-insensitive)
 * @param page  zero-based page number
 * @param size  page size, 1 to {@value #MAX_SIZE}
 */
public record WorkflowQuery(String owner, String name, int page, int size) {

    /** Largest page. */
    public static final int MAX_SIZE = 500;

    public WorkflowQuery {
        if (page < 0) {
            throw InvalidArgumentException.of("page", "must not be negative");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw InvalidArgumentException.of("size", "must be between 1 and " + MAX_SIZE);
        }
        for (String text : new String[] {owner, name}) {
            if (text != null && text.indexOf('\0') >= 0) {
                throw InvalidArgumentException.of("query", "filters must not contain NUL characters");
            }
        }
    }

    /** The SQL {@code WHERE} clause over the head alias {@code h}, appending its arguments to {@code args}. */
    String where(List<Object> args) {
        StringBuilder sql = new StringBuilder(" WHERE h.deleted_at IS NULL");
        if (owner != null) {
            args.add(owner);
            sql.append(" AND h.owner = $").append(args.size());
        }
        if (name != null) {
            args.add("%" + name.toLowerCase(Locale.ROOT).replace("%", "\\%").replace("_", "\\_") + "%");
            sql.append(" AND LOWER(h.name) LIKE $").append(args.size());
        }
        return sql.toString();
    }
}
