package io.fleetsim.scenario;

import java.math.BigDecimal;

/** A key holding a finite decimal number within a range whose lower end may be exclusive. */
public final class DecimalKey extends ScenarioKey<Double> {

    private final double min;
    private final boolean minExclusive;
    private final double max;

    DecimalKey(Section section, String name, String unit, double min, boolean minExclusive, double max,
               KeyDefault<Double> byDefault, String doc) {
        super(section, name, unit, byDefault, doc);
        this.min = min;
        this.minExclusive = minExclusive;
        this.max = max;
    }

    @Override
    public String typeName() {
        return "number";
    }

    @Override
    public String rangeText() {
        return minExclusive ? "> " + format(min) + " .. " + format(max) : format(min) + " .. " + format(max);
    }

    @Override
    Double read(ValueSite site) {
        String expected = unit().isEmpty() ? "a number" : "a number (" + unit() + ")";
        BigDecimal value = ScalarValues.number(site, expected);
        try {
            return check(value, value.toPlainString().length() > 30 ? value.toString() : value.toPlainString());
        } catch (InvalidValueException e) {
            throw site.fail(e.getMessage());
        }
    }

    /** Checks a value given in code (a command line flag); the value itself when it is in range. */
    double check(double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidValueException("must be a finite number, got " + value);
        }
        return check(BigDecimal.valueOf(value), format(value));
    }

    private double check(BigDecimal value, String asWritten) {
        int low = value.compareTo(BigDecimal.valueOf(min));
        if (minExclusive && low <= 0) {
            throw new InvalidValueException("must be greater than " + format(min) + ", got " + asWritten);
        }
        if (low < 0) {
            throw new InvalidValueException("must be at least " + format(min) + ", got " + asWritten);
        }
        if (value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidValueException("must be at most " + format(max) + ", got " + asWritten);
        }
        return value.doubleValue();
    }

    /** 1.0 reads as 1, 0.01 as 0.01. */
    static String format(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
