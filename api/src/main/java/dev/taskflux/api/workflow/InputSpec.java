package dev.taskflux.api.workflow;

/**
 * One input a workflow run accepts, read by expressions and templates as {@code inputs.<name>}.
 *
 * @param name         the key in {@code inputs}; a CEL identifier
 * @param required     whether every run must supply it; a required input has no default
 * @param defaultValue the JSON value used when a run omits it ({@code default} in JSON), or {@code null}
 * @param description  free text
 */
public record InputSpec(String name, boolean required, Object defaultValue, String description) {

    /** An input every run must supply. */
    public static InputSpec required(String name) {
        return new InputSpec(name, true, null, null);
    }

    /** An optional input that falls back to {@code defaultValue}. */
    public static InputSpec optional(String name, Object defaultValue) {
        return new InputSpec(name, false, defaultValue, null);
    }
}
