package io.fleetsim.device;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The notification attributes of one path (LwM2M 1.1 §5.1.2): minimum and maximum period, greater
 * than, less than and step. A null field is not set at this level.
 */
public record NotificationAttributes(Long pmin, Long pmax, Double gt, Double lt, Double st) {

    public static final NotificationAttributes NONE = new NotificationAttributes(null, null, null, null, null);

    /** Parses the Uri-Query of a Write-Attributes ({@code pmin=1&pmax=5&gt=20}); an attribute without value clears it. */
    static NotificationAttributes parse(List<String> queries, NotificationAttributes current) {
        Long pmin = current.pmin;
        Long pmax = current.pmax;
        Double gt = current.gt;
        Double lt = current.lt;
        Double st = current.st;
        for (String query : queries) {
            int eq = query.indexOf('=');
            String name = eq < 0 ? query : query.substring(0, eq);
            String value = eq < 0 ? null : query.substring(eq + 1);
            switch (name) {
                case "pmin" -> pmin = period(name, value);
                case "pmax" -> pmax = period(name, value);
                case "gt" -> gt = number(name, value);
                case "lt" -> lt = number(name, value);
                case "st" -> st = number(name, value);
                default -> throw new IllegalArgumentException("unknown attribute '" + name + "'");
            }
        }
        if (st != null && st < 0) {
            throw new IllegalArgumentException("st must not be negative");
        }
        if (gt != null && lt != null && !(lt + 2 * (st == null ? 0 : st) < gt)) {
            throw new IllegalArgumentException("lt (plus 2 st) must be below gt");
        }
        return new NotificationAttributes(pmin, pmax, gt, lt, st);
    }

    private static Long period(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 0) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of seconds, got '" + value + "'");
        }
    }

    private static Double number(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            double number = Double.parseDouble(value);
            if (!Double.isFinite(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }

    /** These attributes with those of {@code parent} where these are not set (resource over instance over object). */
    NotificationAttributes over(NotificationAttributes parent) {
        return new NotificationAttributes(pmin != null ? pmin : parent.pmin, pmax != null ? pmax : parent.pmax,
                gt != null ? gt : parent.gt, lt != null ? lt : parent.lt, st != null ? st : parent.st);
    }

    boolean isEmpty() {
        return equals(NONE);
    }

    /** As link-format attributes: {@code ;pmin=1;pmax=5}. */
    String linkFormat() {
        List<String> parts = new ArrayList<>();
        if (pmin != null) {
            parts.add("pmin=" + pmin);
        }
        if (pmax != null) {
            parts.add("pmax=" + pmax);
        }
        if (gt != null) {
            parts.add("gt=" + plain(gt));
        }
        if (lt != null) {
            parts.add("lt=" + plain(lt));
        }
        if (st != null) {
            parts.add("st=" + plain(st));
        }
        return parts.isEmpty() ? "" : ";" + String.join(";", parts);
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
