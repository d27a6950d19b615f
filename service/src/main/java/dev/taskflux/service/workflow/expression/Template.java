package dev.taskflux.service.workflow.expression;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * A parameter string split into literal text and {@code ${...}} placeholders. A string that is
 * exactly one placeholder stands for the placeholder's value with its JSON type; any other
 * string is interpolated.
 */
final class Template {

    /** One piece of a template. */
    sealed interface Part permits Text, Placeholder {
    }

    /** Literal text, with <code>$${</code> escapes already turned into <code>${</code>. */
    record Text(String text) implements Part {
    }

    /** A CEL expression between <code>${</code> and its closing brace. */
    record Placeholder(String expression) implements Part {
    }

    private final List<Part> parts;

    private Template(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** Splits {@code source}; fails on an unterminated or empty placeholder. */
    static Template parse(String source) throws InvalidExpression {
        return new Template(TemplateParser.parts(source));
    }

    /** The expressions of every placeholder, in order. */
    List<String> expressions() {
        return parts.stream()
                .filter(Placeholder.class::isInstance)
                .map(part -> ((Placeholder) part).expression())
                .toList();
    }

    /**
     * The template's value: the placeholder's own value if the template is exactly one
     * placeholder, otherwise a string with each placeholder's value rendered as text.
     */
    Object render(Function<String, Object> evaluate) {
        if (parts.size() == 1 && parts.get(0) instanceof Placeholder whole) {
            return evaluate.apply(whole.expression());
        }
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Text literal) {
                text.append(literal.text());
            } else {
                text.append(asText(evaluate.apply(((Placeholder) part).expression())));
            }
        }
        return text.toString();
    }

    private static String asText(Object value) {
        if (value instanceof Map || value instanceof List) {
            return JsonMapper.shared().writeValueAsString(value);
        }
        return String.valueOf(value);
    }
}
