package io.fleetsim.scenario;

/**
 * What a key is when the file leaves it out.
 *
 * @param value    the default value, null when the key is required or its default is computed
 * @param text     how the default reads in documentation
 * @param isRequired whether the file must give the key
 */
public record KeyDefault<T>(T value, String text, boolean isRequired) {

    /** The file must give the key. */
    public static <T> KeyDefault<T> required() {
        return new KeyDefault<>(null, "required", true);
    }

    /** A fixed default value. */
    public static <T> KeyDefault<T> of(T value) {
        String text = value instanceof Double number ? DecimalKey.format(number) : String.valueOf(value);
        return new KeyDefault<>(value, text, false);
    }

    /** A default worked out from other keys (or no value at all), described in words. */
    public static <T> KeyDefault<T> described(String text) {
        return new KeyDefault<>(null, text, false);
    }
}
