package org.dl4jtuner.datasets;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One loaded copy of each dataset per process, shared by every trial and thread.
 *
 * <pre>{@code
 * TrainTest data = DatasetCache.shared().get("fashion-mnist:bundled", FashionMnist::bundledSubset);
 * }</pre>
 */
public final class DatasetCache {
    private static final DatasetCache SHARED = new DatasetCache();
    private final Map<String, Object> entries = new ConcurrentHashMap<>();

    /** A cache of its own (most callers want {@link #shared()}). */
    public DatasetCache() {
    }

    /** The process-wide cache. */
    public static DatasetCache shared() {
        return SHARED;
    }

    /** The cached value of {@code key}, loading it once (concurrent callers wait for that load). */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> loader) {
        return (T) entries.computeIfAbsent(key, k -> loader.get());
    }

    /** Drops every entry. */
    public void clear() {
        entries.clear();
    }
}
