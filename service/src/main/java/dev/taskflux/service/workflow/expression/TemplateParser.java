package dev.taskflux.service.workflow.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits template text at {@code ${...}} placeholders. A placeholder ends at the first closing
 * brace outside CEL string literals and nested braces, so <code>${ {'a': '}'}.a }</code> is one
 * placeholder; <code>$${</code> stands for a literal <code>${</code>.
 */
final class TemplateParser {

    private static final String OPEN = "${";
    private static final String ESCAPED_OPEN = "$${";

    private TemplateParser() {
    }

    /** The parts of {@code source}, in order. */
    static List<Template.Part> parts(String source) throws InvalidExpression {
        List<Template.Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int at = 0;
        while (at < source.length()) {
            if (source.startsWith(ESCAPED_OPEN, at)) {
                text.append(OPEN);
                at += ESCAPED_OPEN.length();
            } else if (source.startsWith(OPEN, at)) {
                int close = closingBrace(source, at + OPEN.length());
                if (close < 0) {
                    throw new InvalidExpression("unterminated '${' at offset " + at
                            + ": close it with '}', or write '$${' for a literal '${'");
                }
                String expression = source.substring(at + OPEN.length(), close).strip();
                if (expression.isEmpty()) {
                    throw new InvalidExpression("empty '${}' at offset " + at + ": put an expression inside");
                }
                addText(parts, text);
                parts.add(new Template.Placeholder(expression));
                at = close + 1;
            } else {
                text.append(source.charAt(at++));
            }
        }
        addText(parts, text);
        return parts;
    }

    private static void addText(List<Template.Part> parts, StringBuilder text) {
        if (text.length() > 0) {
            parts.add(new Template.Text(text.toString()));
            text.setLength(0);
        }
    }

    /** The index of the brace closing a placeholder whose expression starts at {@code from}, or -1. */
    private static int closingBrace(String source, int from) {
        int depth = 0;
        for (int at = from; at < source.length(); at++) {
            char c = source.charAt(at);
            if (c == '\'' || c == '"') {
                at = endOfString(source, at);
                if (at < 0) {
                    return -1;
                }
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return at;
                }
                depth--;
            }
        }
        return -1;
    }

    /** The index of the quote closing the CEL string literal opened at {@code start}, or -1. */
    private static int endOfString(String source, int start) {
        char quote = source.charAt(start);
        String triple = String.valueOf(quote).repeat(3);
        if (source.startsWith(triple, start)) {
            int end = source.indexOf(triple, start + 3);
            return end < 0 ? -1 : end + 2;
        }
        for (int at = start + 1; at < source.length(); at++) {
            char c = source.charAt(at);
            if (c == '\\') {
                at++;
            } else if (c == quote) {
                return at;
            }
        }
        return -1;
    }
}
