package org.dls4j.course5.week3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The date data set (reference section 9.1): babel's formats, the vocabularies, string_to_int. */
class DateDataTest {

    /** The reference's human vocabulary: 37 symbols, no k, q, x, z; {@code <unk>} 35, {@code <pad>} 36. */
    static final List<String> HUMAN = List.of(" ", ".", "/", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a",
            "b", "c", "d", "e", "f", "g", "h", "i", "j", "l", "m", "n", "o", "p", "r", "s", "t", "u", "v", "w", "y",
            "<unk>", "<pad>");

    @Test
    void theVocabulariesAreTheNotebooks() {
        DateData.Dataset dataset = DateData.loadDataset(10000, 12345);
        assertEquals(HUMAN, dataset.human().symbols());
        assertEquals(35, dataset.human().index("<unk>"));
        assertEquals(36, dataset.human().index("<pad>"));
        assertEquals(List.of("-", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), dataset.machine().symbols());
        assertEquals(10000, dataset.examples().size());
        DateData.Encoded encoded = DateData.preprocess(dataset.examples().subList(0, 50), dataset.human(),
                dataset.machine(), DateData.TX, DateData.TY);
        assertArrayEquals(new long[] {50, 30, 37}, encoded.xoh().shape());
        assertArrayEquals(new long[] {50, 10, 11}, encoded.yoh().shape());
        assertEquals(50 * 30, encoded.xoh().sumNumber().intValue());
    }

    /** The reference's example 0: '9 may 1998' -> X [12, 0, 24, 13, 34, 0, 4, 12, 12, 11, 36 x 20], Y. */
    @Test
    void stringToIntEncodesAndPadsAsTheNotebook() {
        DateData.Vocabulary human = DateData.Vocabulary.of(HUMAN);
        DateData.Vocabulary machine = DateData.loadDataset(200, 1).machine();
        int[] x = DateData.stringToInt("9 May, 1998", 30, human);
        int[] expected = new int[30];
        java.util.Arrays.fill(expected, 36);
        System.arraycopy(new int[] {12, 0, 24, 13, 34, 0, 4, 12, 12, 11}, 0, expected, 0, 10);
        assertArrayEquals(expected, x);
        assertArrayEquals(new int[] {2, 10, 10, 9, 0, 1, 6, 0, 1, 10}, DateData.stringToInt("1998-05-09", 10,
                machine));
        // cut to 30; k, q, x, z are unknown
        assertEquals(30, DateData.stringToInt("wednesday 31 december 1997 and more", 30, human).length);
        assertArrayEquals(new int[] {35, 36}, DateData.stringToInt("k", 2, human));
    }

    /** babel's en_US patterns; Y is the ISO week-based year (babel's isocalendar()[0]). */
    @Test
    void formatsAreBabelsEnUs() {
        LocalDate day = LocalDate.of(1998, 5, 9);
        assertEquals("5/9/98", DateData.format(day, "short"));
        assertEquals("May 9, 1998", DateData.format(day, "medium"));
        assertEquals("May 9, 1998", DateData.format(day, "long"));
        assertEquals("Saturday, May 9, 1998", DateData.format(day, "full"));
        assertEquals("09 May 1998", DateData.format(day, "dd MMM YYY"));
        assertEquals("09, May 1998", DateData.format(day, "dd, MMM YYY"));
        assertEquals("9 05 98", DateData.format(day, "d MM YY"));
        assertEquals("09.05.98", DateData.format(day, "dd.MM.YY"));
        assertEquals("Sep", DateData.format(LocalDate.of(1970, 9, 10), "MMM"));
        // 2015-12-31 is in ISO week 53 of 2015; 2018-12-31 in week 1 of 2019
        assertEquals("31 Dec 2015", DateData.format(LocalDate.of(2015, 12, 31), "d MMM YYY"));
        assertEquals("31 Dec 2019", DateData.format(LocalDate.of(2018, 12, 31), "d MMM YYY"));
        assertEquals("1 Jan 2004", DateData.format(LocalDate.of(2005, 1, 1), "d MMM YYY"));
    }
}
