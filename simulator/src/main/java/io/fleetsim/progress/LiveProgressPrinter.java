package io.fleetsim.progress;

import java.io.PrintWriter;

/**
 * Rewrites one line in place: a carriage return, the line, and spaces over whatever was left of a
 * longer previous line. {@link #finish()} ends the line so later output starts on a fresh one.
 */
final class LiveProgressPrinter implements ProgressPrinter {

    private final PrintWriter out;
    private int previousLength;

    LiveProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void accept(String line) {
        StringBuilder text = new StringBuilder(line.length() + 8).append('\r').append(line);
        for (int i = line.length(); i < previousLength; i++) {
            text.append(' ');
        }
        out.print(text);
        out.flush();
        previousLength = line.length();
    }

    @Override
    public synchronized void finish() {
        if (previousLength > 0) {
            out.println();
            out.flush();
            previousLength = 0;
        }
    }
}
