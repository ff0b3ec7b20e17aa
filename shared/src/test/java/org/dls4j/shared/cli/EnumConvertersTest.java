package org.dls4j.shared.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class EnumConvertersTest {

    enum Optimizer { GD, MOMENTUM, ADAM }

    enum Init {
        HE_ET_AL;

        @Override
        public String toString() {
            return "he";
        }
    }

    @Test
    void spellsConstantsInLowerCaseOrAsTheirNotebookWord() {
        assertEquals(Optimizer.ADAM, EnumConverters.parse(Optimizer.class, "Adam"));
        assertEquals(Init.HE_ET_AL, EnumConverters.parse(Init.class, "HE"));
        assertEquals(Init.HE_ET_AL, EnumConverters.parse(Init.class, "he_et_al"));
        assertEquals("gd, momentum, adam", EnumConverters.choices(Optimizer.class));
        TypeConversionException e = assertThrows(TypeConversionException.class,
                () -> EnumConverters.parse(Optimizer.class, "rmsprop"));
        assertTrue(e.getMessage().contains("gd, momentum, adam") && e.getMessage().contains("'rmsprop'"),
                e.getMessage());
    }
}
