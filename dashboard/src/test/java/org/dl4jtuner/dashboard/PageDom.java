package org.dl4jtuner.dashboard;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading the dashboard's page as headless Chromium serialized it ({@link Chromium#dumpDom}); the
 * command line's browser tests use it too, from this module's test jar.
 */
public final class PageDom {
    private PageDom() {
    }

    /** The trial numbers of the {@code tag} elements of {@code html} that carry a {@code data-trial} attribute. */
    public static Set<Integer> trialNumbers(String html, String tag) {
        Set<Integer> found = new TreeSet<>();
        Matcher m = Pattern.compile("<" + tag + "\\b[^>]*\\bdata-trial=\"(\\d+)\"").matcher(html);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }
}
