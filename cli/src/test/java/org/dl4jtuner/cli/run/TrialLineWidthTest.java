package org.dl4jtuner.cli.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Trial lines on a terminal of known width wrap between parameters, or elide them, in at most two lines. */
class TrialLineWidthTest {
    private static final String HEAD = "trial  12 COMPLETE accuracy=0.8123 epochs=9";
    private static final String TAIL = "| best #7 0.8456";

    private static Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("learning_rate", 0.0031622);
        p.put("units", 48);
        p.put("layers", 2);
        p.put("activation", "leakyrelu");
        p.put("dropout", 0.12345);
        p.put("batch_size", 32);
        p.put("l2", 1.0e-5);
        p.put("optimizer", "adam");
        p.put("weight_init", "xavier_uniform");
        return p;
    }

    /** Every entry printed, in the order of {@code params}, from the lines' {@code {a=1, b=2}} part. */
    private static List<String> printedEntries(List<String> lines) {
        String all = String.join(" ", lines.stream().map(String::strip).toList());
        String inner = all.substring(all.indexOf('{') + 1, all.indexOf('}'));
        List<String> entries = new ArrayList<>();
        for (String e : inner.split(",")) {
            entries.add(e.strip());
        }
        return entries;
    }

    private static void assertFits(List<String> lines, int width) {
        assertTrue(lines.size() <= 2, "at most two lines: " + lines);
        assertTrue(lines.get(0).startsWith(HEAD), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).endsWith(TAIL), lines.toString());
        for (String line : lines) {
            assertTrue(line.length() < width, "shorter than " + width + " columns: '" + line + "' (" + line.length() + ")");
        }
        for (String continuation : lines.subList(1, lines.size())) {
            assertTrue(continuation.startsWith(TrialLines.INDENT) && !continuation.isBlank(), "indented: " + continuation);
        }
        Set<String> whole = Set.copyOf(List.of(TrialLines.params(params()).replaceAll("[{}]", "").split(", ")));
        for (String e : printedEntries(lines)) {
            assertTrue(e.equals("…") || whole.contains(e), "a whole entry, not a piece of one: '" + e + "' in " + lines);
        }
    }

    @Test
    void withoutAWidthTheLineStaysWhole() {
        List<String> lines = TrialLines.fit(HEAD, params(), TAIL, 0);
        assertEquals(List.of(HEAD + " " + TrialLines.params(params()) + " " + TAIL), lines);
        assertTrue(lines.get(0).length() > 160, "the case below is a long line: " + lines.get(0).length());
    }

    @Test
    void at160ColumnsTheLineWrapsBetweenParametersAndKeepsThemAll() {
        List<String> lines = TrialLines.fit(HEAD, params(), TAIL, 160);
        assertEquals(2, lines.size(), lines.toString());
        assertFits(lines, 160);
        assertFalse(String.join("\n", lines).contains("…"), "all parameters fit two lines: " + lines);
        assertEquals(9, printedEntries(lines).size());
    }

    @Test
    void at80ColumnsTheParametersThatDoNotFitTwoLinesAreElided() {
        List<String> lines = TrialLines.fit(HEAD, params(), TAIL, 80);
        assertFits(lines, 80);
        List<String> entries = printedEntries(lines);
        assertEquals("…", entries.get(entries.size() - 1), lines.toString());
        List<String> all = List.of(TrialLines.params(params()).replaceAll("[{}]", "").split(", "));
        assertEquals(all.subList(0, entries.size() - 1), entries.subList(0, entries.size() - 1),
                "the first parameters, in order");
        assertTrue(entries.size() > 2, "as many as fit: " + lines);
    }

    @Test
    void aShortLineIsOneLineAtAnyWidth() {
        Map<String, Object> few = Map.of("units", 8);
        assertEquals(List.of(HEAD + " {units=8} " + TAIL), TrialLines.fit(HEAD, few, TAIL, 80));
        assertEquals(List.of(HEAD + " {} " + TAIL), TrialLines.fit(HEAD, Map.of(), TAIL, 80));
    }

    @Test
    void aHeadTooLongForTheWidthWrapsBetweenWords() {
        String failed = "trial   3 FAIL     accuracy=- epochs=0 (" + "the network ran out of memory ".repeat(4).strip() + ")";
        List<String> lines = TrialLines.fit(failed, params(), TAIL, 80);
        for (String line : lines) {
            assertTrue(line.length() < 80, line);
        }
        assertTrue(String.join(" ", lines).contains("{…}") || String.join(" ", lines).contains("…}"), lines.toString());
        assertTrue(lines.get(lines.size() - 1).endsWith(TAIL));
    }
}
