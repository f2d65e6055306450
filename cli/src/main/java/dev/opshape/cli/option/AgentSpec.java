package dev.opshape.cli.option;

import picocli.CommandLine.TypeConversionException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An agent or strategy as written on the command line (DESIGN section 9): {@code name(:key=value)*}, for example
 * {@code tft}, {@code gtft:g=0.3}, {@code probs:p=1/1/0/1/0} or {@code lola:k=2:est=dice:batch=128}. This class
 * only splits the text; what names and keys exist is decided by whoever builds the agent from it.
 *
 * @param name   the lower-cased name, for example {@code gtft}
 * @param params the key = value pairs in the order given (keys are case-sensitive, values are raw text)
 */
public record AgentSpec(String name, Map<String, String> params) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    public AgentSpec {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * Splits {@code name(:key=value)*}.
     *
     * @throws TypeConversionException naming the bad part and the expected form
     */
    public static AgentSpec parse(String text) {
        String t = text.strip();
        String[] parts = t.split(":", -1);
        if (!NAME.matcher(parts[0]).matches()) {
            throw new TypeConversionException("'" + text + "' does not start with a name; write name(:key=value)*, "
                    + "e.g. tft or gtft:g=0.3");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            String key = eq < 0 ? parts[i] : parts[i].substring(0, eq);
            String value = eq < 0 ? "" : parts[i].substring(eq + 1);
            if (eq < 0 || !KEY.matcher(key).matches() || value.isEmpty()) {
                throw new TypeConversionException("'" + text + "': '" + parts[i] + "' is not key=value; write "
                        + "name(:key=value)*, e.g. gtft:g=0.3");
            }
            if (params.put(key, value) != null) {
                throw new TypeConversionException("'" + text + "': key '" + key + "' is given twice");
            }
        }
        return new AgentSpec(parts[0].toLowerCase(Locale.ROOT), params);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name);
        params.forEach((key, value) -> text.append(':').append(key).append('=').append(value));
        return text.toString();
    }
}
