package org.dls4j.shared.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * One converter for every enum option. An enum constant is spelt on the command line as its {@link Object#toString()}
 * when the enum overrides it (the notebook's own word, e.g. {@code "he"}), otherwise as its name in lower case with
 * {@code -} for {@code _}; case does not matter. A wrong word lists the right ones.
 */
public final class EnumConverters {

    private EnumConverters() {
    }

    /** Registers a converter for each enum type that an option of {@code commandLine} takes (lists included). */
    public static void registerAll(CommandLine commandLine) {
        for (OptionSpec option : commandLine.getCommandSpec().options()) {
            register(commandLine, option.type());
            for (Class<?> auxiliary : option.auxiliaryTypes()) {
                register(commandLine, auxiliary);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void register(CommandLine commandLine, Class<?> type) {
        if (type.isEnum()) {
            commandLine.registerConverter((Class) type, value -> parse((Class) type, value));
        }
    }

    /** The constant of {@code type} spelt {@code value}. */
    public static <E extends Enum<E>> E parse(Class<E> type, String value) {
        String wanted = value.trim();
        for (E constant : type.getEnumConstants()) {
            if (spelling(constant).equalsIgnoreCase(wanted) || constant.name().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw new TypeConversionException("expected one of " + choices(type) + " but was '" + value + "'");
    }

    /** How {@code constant} is written on the command line. */
    public static String spelling(Enum<?> constant) {
        String text = constant.toString();
        return text.equals(constant.name()) ? text.toLowerCase(Locale.ROOT).replace('_', '-') : text;
    }

    /** Every spelling of {@code type}, comma-separated. */
    public static String choices(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(EnumConverters::spelling).collect(Collectors.joining(", "));
    }
}
