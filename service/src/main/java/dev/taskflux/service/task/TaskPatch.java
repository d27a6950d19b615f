package dev.taskflux.service.task;

import dev.taskflux.api.TaskSpec;
import dev.taskflux.api.error.InvalidArgumentException;
import dev.taskflux.service.storage.JsonCodec;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON merge patch (RFC 7386) over a spec's document: objects merge, {@code null} removes, the rest replaces. */
final class TaskPatch {

    private final JsonCodec json;

    TaskPatch(JsonCodec json) {
        this.json = json;
    }

    /** {@code spec} with {@code patch} applied. */
    TaskSpec apply(TaskSpec spec, JsonNode patch) {
        ObjectNode document = json.mapper().valueToTree(TaskDocument.of(spec));
        merge(document, patch);
        TaskDocument patched;
        try {
            patched = json.mapper().treeToValue(document, TaskDocument.class);
        } catch (JacksonException e) {
            String field = JsonCodec.fieldPath(e);
            JsonNode given = field == null ? null : document.at("/" + field.replace(".", "/"));
            String got = given == null || given.isMissingNode() ? "" : " (got " + given + ")";
            throw InvalidArgumentException.of(field == null ? "body" : field,
                    JsonCodec.reason(e).replaceFirst(" \\(got .*\\)$", "") + got);
        }
        return patched.toSpec();
    }

    private static void merge(ObjectNode target, JsonNode patch) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode existing) {
                merge(existing, value);
            } else {
                target.set(field.getKey(), value);
            }
        }
    }
}
