package io.fleetsim.reports;

/**
 * Makes text storable in XML 1.0. A StAX writer escapes markup characters but writes control
 * characters as they are, which XML 1.0 forbids; they become U+FFFD here.
 */
final class XmlText {

    private static final char REPLACEMENT = '\uFFFD';

    private XmlText() {
    }

    static String sanitized(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (allowed(c)) {
                clean.appendCodePoint(c);
            } else {
                clean.append(REPLACEMENT);
            }
        });
        return clean.toString();
    }

    /** The Char production of XML 1.0. */
    private static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
