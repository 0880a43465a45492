package io.fleetsim.scenario;

import java.math.BigDecimal;

/** A key holding a whole number within {@code [min, max]}. */
public final class IntegerKey extends ScenarioKey<Long> {

    private final long min;
    private final long max;

    IntegerKey(Section section, String name, String unit, long min, long max,
               KeyDefault<Long> byDefault, String doc) {
        super(section, name, unit, byDefault, doc);
        this.min = min;
        this.max = max;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    @Override
    public String typeName() {
        return "integer";
    }

    @Override
    public String rangeText() {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return "any 64-bit integer";
        }
        return min + " .. " + max;
    }

    @Override
    Long read(ValueSite site) {
        String expected = unit().isEmpty() ? "an integer" : "an integer (" + unit() + ")";
        BigDecimal value = ScalarValues.number(site, expected);
        try {
            return check(value, value.toPlainString());
        } catch (InvalidValueException e) {
            throw site.fail(e.getMessage());
        }
    }

    /** Checks a value given in code (a command line flag); the value itself when it is in range. */
    long check(long value) {
        return check(BigDecimal.valueOf(value), Long.toString(value));
    }

    private long check(BigDecimal value, String asWritten) {
        if (value.stripTrailingZeros().scale() > 0) {
            throw new InvalidValueException("must be a whole number, got " + asWritten);
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0) {
            throw new InvalidValueException("must be at least " + min + ", got " + asWritten);
        }
        if (value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidValueException("must be at most " + max + ", got " + asWritten);
        }
        return value.longValueExact();
    }
}
