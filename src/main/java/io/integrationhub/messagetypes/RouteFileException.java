package io.integrationhub.messagetypes;

/** A mistake in a message type file, at a line of it (-1 when no line is known). */
final class RouteFileException extends RuntimeException {

    /** The reason names its lines itself ({@code line N: …; line M: …}). */
    static final int IN_TEXT = Integer.MIN_VALUE;

    private final int line;

    static RouteFileException lines(String reasons) {
        return new RouteFileException(IN_TEXT, reasons);
    }

    RouteFileException(int line, String reason) {
        super(reason);
        this.line = line;
    }

    int line() {
        return line;
    }

    private static final java.util.regex.Pattern YAML_LINE =
            java.util.regex.Pattern.compile("line (\\d+), column \\d+");

    /** {@code line N: reason}, the whole reason: the YAML parser's, the step check's, or Camel's innermost one. */
    static String reasonOf(Throwable e) {
        if (e instanceof RouteFileException step) {
            return step.line() == RouteFileException.IN_TEXT ? step.getMessage()
                    : "line " + Math.max(1, step.line()) + ": " + step.getMessage();
        }
        String message = RouteFileCheck.rootMessage(e);
        java.util.regex.Matcher line = YAML_LINE.matcher(message);
        // The YAML parser names the file in its message, again for every mark: the file is named beside it already.
        String text = message.replaceAll("(Error pre-parsing resource: )?\\S*file:\\S+?(:|,|$)\\s*", "")
                .replaceAll(" in ,", ",").replaceAll("\\s+", " ").trim();
        return "line " + (line.find() ? line.group(1) : "1") + ": " + text;
    }
}
