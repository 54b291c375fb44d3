package org.dl4jtuner.cli.doctor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dl4jtuner.gpu.Problem;
import org.dl4jtuner.storage.Storages;
import org.dl4jtuner.tuner.storage.Storage;

/** Whether a storage URL opens, read-only, through the storage module's {@link Storages#openReadOnly}. */
final class StorageCheck {
    private StorageCheck() {
    }

    /** The URL's status (its password masked), adding a problem when it does not open; nothing checked for null. */
    static Map<String, Object> check(String url, List<Problem> problems) {
        Map<String, Object> status = new LinkedHashMap<>();
        if (url == null) {
            status.put("checked", false);
            return status;
        }
        String shown = mask(url);
        status.put("checked", true);
        status.put("url", shown);
        try (Storage storage = Storages.openReadOnly(url)) {
            status.put("reachable", true);
            status.put("studies", storage.studies().size());
        } catch (RuntimeException e) {
            String why = mask(String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            status.put("reachable", false);
            status.put("error", why);
            problems.add(new Problem("storage " + shown + " is unreachable: " + why, "check the URL"
                    + " (sqlite:PATH of an existing file, or postgresql://USER:PASSWORD@HOST:PORT/DATABASE), that the"
                    + " server runs and accepts this host, and the password; a new database needs one"
                    + " 'dl4j-tuner run' to create its tables"));
        }
        return status;
    }

    /** The URL with its password replaced by ***. */
    static String mask(String text) {
        return text.replaceAll("://([^:/@\\s]+):[^@\\s]*@", "://$1:***@");
    }
}
