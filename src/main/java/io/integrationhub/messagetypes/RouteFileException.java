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
}
