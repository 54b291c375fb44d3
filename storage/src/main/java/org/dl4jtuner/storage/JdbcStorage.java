package org.dl4jtuner.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.dl4jtuner.tuner.Direction;
import org.dl4jtuner.tuner.FrozenTrial;
import org.dl4jtuner.tuner.TrialState;
import org.dl4jtuner.tuner.distribution.Distribution;
import org.dl4jtuner.tuner.storage.Storage;
import org.dl4jtuner.tuner.storage.StudyRecord;
import org.dl4jtuner.tuner.util.Requires;

/**
 * Storage in a relational database over JDBC: the shared implementation of {@link SqliteStorage}
 * and {@link PostgresStorage}. Every call is its own transaction, committed before it returns, so
 * a process killed at any moment loses nothing it was told. Finished trials are cached by their
 * row version: reading a study's history costs one query for the trial rows plus the details of
 * the trials that changed since the last read.
 */
public abstract class JdbcStorage implements Storage {
    private static final int RETRIES = 20;
    private final Connection connection;
    private final Dialect dialect;
    private final Clock clock;
    private final String location;
    private final Map<Long, Cached> cache = new HashMap<>();

    private record Cached(long version, FrozenTrial trial) {
    }

    /** A unit of work inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    JdbcStorage(Connection connection, Dialect dialect, Clock clock, String location) {
        this.connection = connection;
        this.dialect = dialect;
        this.clock = clock;
        this.location = location;
    }

    /** Where the database is (a file path or a server URL without its password), for messages. */
    public String location() {
        return location;
    }

    /** Runs {@code work} in a transaction, retrying when a concurrent writer got there first. */
    synchronized <T> T write(Work<T> work) {
        SQLException last = null;
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            try {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (!isConflict(e)) {
                    throw failure(e);
                }
                last = e;
                sleepBeforeRetry(attempt);
            }
        }
        throw failure(last);
    }

    /** Runs a read outside an explicit transaction. */
    synchronized <T> T read(Work<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Whether the error is a lost race (unique key taken, serialisation failure, busy) worth retrying. */
    abstract boolean isConflict(SQLException e);

    private IllegalStateException failure(SQLException e) {
        return new IllegalStateException("storage " + location + ": " + e.getMessage(), e);
    }

    private static void sleepBeforeRetry(int attempt) {
        try {
            Thread.sleep(Math.min(200, 5L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a storage write", e);
        }
    }

    @Override
    public StudyRecord createStudy(String name, Direction direction) {
        Requires.name("study name", name);
        return write(c -> {
            if (findStudy(c, name).isPresent()) {
                throw new IllegalArgumentException("a study named '" + name + "' already exists in " + location);
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO studies (name, direction, created_ms) VALUES (?, ?, ?) RETURNING id")) {
                s.setString(1, name);
                s.setString(2, direction.name());
                s.setLong(3, clock.millis());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return new StudyRecord(r.getLong(1), name, direction);
                }
            }
        });
    }

    @Override
    public Optional<StudyRecord> findStudy(String name) {
        return read(c -> findStudy(c, name));
    }

    private static Optional<StudyRecord> findStudy(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, direction FROM studies WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new StudyRecord(r.getLong(1), name, Direction.valueOf(r.getString(2))))
                        : Optional.empty();
            }
        }
    }

    @Override
    public List<StudyRecord> studies() {
        return read(c -> {
            List<StudyRecord> result = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, name, direction FROM studies ORDER BY id");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.add(new StudyRecord(r.getLong(1), r.getString(2), Direction.valueOf(r.getString(3))));
                }
            }
            return result;
        });
    }

    @Override
    public void deleteStudy(long studyId) {
        write(c -> {
            requireStudy(c, studyId);
            String ofStudy = " WHERE trial_id IN (SELECT id FROM trials WHERE study_id = ?)";
            for (String sql : List.of("DELETE FROM trial_params" + ofStudy, "DELETE FROM trial_values" + ofStudy,
                    "DELETE FROM trial_user_attrs" + ofStudy, "DELETE FROM trial_system_attrs" + ofStudy,
                    "DELETE FROM claims WHERE study_id = ?", "DELETE FROM trials WHERE study_id = ?",
                    "DELETE FROM study_attrs WHERE study_id = ?", "DELETE FROM studies WHERE id = ?")) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setLong(1, studyId);
                    s.executeUpdate();
                }
            }
            return null;
        });
        synchronized (this) {
            cache.clear();
        }
    }

    @Override
    public void setStudySystemAttr(long studyId, String key, Object value) {
        String json = Json.write(value);
        write(c -> {
            requireStudy(c, studyId);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO study_attrs (study_id, key, value_json)"
                    + " VALUES (?, ?, ?) ON CONFLICT (study_id, key) DO UPDATE SET value_json = excluded.value_json")) {
                s.setLong(1, studyId);
                s.setString(2, key);
                s.setString(3, json);
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Map<String, Object> studySystemAttrs(long studyId) {
        return read(c -> {
            requireStudy(c, studyId);
            Map<String, Object> attrs = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT key, value_json FROM study_attrs WHERE study_id = ? ORDER BY key")) {
                s.setLong(1, studyId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        attrs.put(r.getString(1), Json.read(r.getString(2)));
                    }
                }
            }
            return attrs;
        });
    }

    @Override
    public FrozenTrial createTrial(long studyId, TrialState state, Map<String, Object> systemAttrs) {
        Requires.argument(state == TrialState.RUNNING || state == TrialState.WAITING, () ->
                "a new trial must be RUNNING or WAITING, but got " + state);
        Map<String, String> attrs = new LinkedHashMap<>();
        systemAttrs.forEach((k, v) -> attrs.put(k, Json.write(v)));
        long id = write(c -> {
            requireStudy(c, studyId);
            return insertTrial(c, studyId, state, attrs);
        });
        return getTrial(id);
    }

    @Override
    public Optional<FrozenTrial> createTrialWithinLimit(long studyId, int limit) {
        Optional<Long> id = write(c -> {
            try (PreparedStatement s = c.prepareStatement(dialect.lockStudy)) {
                s.setLong(1, studyId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalArgumentException("no study with id " + studyId + " in " + location);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM trials t WHERE t.study_id = ? AND NOT"
                    + " EXISTS (SELECT 1 FROM trial_system_attrs a WHERE a.trial_id = t.id AND a.key = ?)")) {
                s.setLong(1, studyId);
                s.setString(2, DIED_ATTR);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getLong(1) >= limit) {
                        return Optional.<Long>empty();
                    }
                }
            }
            return Optional.of(insertTrial(c, studyId, TrialState.RUNNING, Map.of()));
        });
        return id.map(this::getTrial);
    }

    private long insertTrial(Connection c, long studyId, TrialState state, Map<String, String> attrs)
            throws SQLException {
        int number = next(c, "SELECT COALESCE(MAX(number) + 1, 0) FROM trials WHERE study_id = ?", studyId);
        long trialId;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO trials (study_id, number, state, start_ms)"
                + " VALUES (?, ?, ?, ?) RETURNING id")) {
            s.setLong(1, studyId);
            s.setInt(2, number);
            s.setString(3, state.name());
            if (state == TrialState.RUNNING) {
                s.setLong(4, clock.millis());
            } else {
                s.setNull(4, java.sql.Types.BIGINT);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                trialId = r.getLong(1);
            }
        }
        for (Map.Entry<String, String> e : attrs.entrySet()) {
            upsertAttr(c, "trial_system_attrs", trialId, e.getKey(), e.getValue());
        }
        return trialId;
    }

    @Override
    public Optional<FrozenTrial> claimWaitingTrial(long studyId) {
        Optional<Long> claimed = write(c -> {
            while (true) {
                Long candidate = null;
                try (PreparedStatement s = c.prepareStatement("SELECT id FROM trials WHERE study_id = ? AND state = ?"
                        + " ORDER BY number LIMIT 1")) {
                    s.setLong(1, studyId);
                    s.setString(2, TrialState.WAITING.name());
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            candidate = r.getLong(1);
                        }
                    }
                }
                if (candidate == null) {
                    return Optional.<Long>empty();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE trials SET state = ?, start_ms = ?,"
                        + " version = version + 1 WHERE id = ? AND state = ?")) {
                    s.setString(1, TrialState.RUNNING.name());
                    s.setLong(2, clock.millis());
                    s.setLong(3, candidate);
                    s.setString(4, TrialState.WAITING.name());
                    if (s.executeUpdate() == 1) {
                        return Optional.of(candidate);
                    }
                }
            }
        });
        return claimed.map(this::getTrial);
    }

    @Override
    public void setTrialParam(long trialId, String name, Object value, Distribution distribution) {
        String valueJson = Json.write(value);
        String distributionJson = Json.writeDistribution(distribution);
        write(c -> {
            requireRunning(c, trialId);
            int seq = next(c, "SELECT COALESCE(MAX(seq) + 1, 0) FROM trial_params WHERE trial_id = ?", trialId);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO trial_params (trial_id, seq, name, value_json,"
                    + " distribution_json) VALUES (?, ?, ?, ?, ?) ON CONFLICT (trial_id, name) DO UPDATE SET"
                    + " value_json = excluded.value_json, distribution_json = excluded.distribution_json")) {
                s.setLong(1, trialId);
                s.setInt(2, seq);
                s.setString(3, name);
                s.setString(4, valueJson);
                s.setString(5, distributionJson);
                s.executeUpdate();
            }
            bump(c, trialId);
            return null;
        });
    }

    @Override
    public void setTrialIntermediateValue(long trialId, int step, double value) {
        write(c -> {
            requireRunning(c, trialId);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO trial_values (trial_id, step, value)"
                    + " VALUES (?, ?, ?) ON CONFLICT (trial_id, step) DO NOTHING")) {
                s.setLong(1, trialId);
                s.setInt(2, step);
                if (Double.isNaN(value)) {
                    s.setNull(3, java.sql.Types.DOUBLE);
                } else {
                    s.setDouble(3, value);
                }
                if (s.executeUpdate() == 1) {
                    bump(c, trialId);
                }
            }
            return null;
        });
    }

    @Override
    public void setTrialUserAttr(long trialId, String key, Object value) {
        setTrialAttr("trial_user_attrs", trialId, key, Json.write(value));
    }

    @Override
    public void setTrialSystemAttr(long trialId, String key, Object value) {
        setTrialAttr("trial_system_attrs", trialId, key, Json.write(value));
    }

    private void setTrialAttr(String table, long trialId, String key, String json) {
        write(c -> {
            requireTrial(c, trialId);
            upsertAttr(c, table, trialId, key, json);
            bump(c, trialId);
            return null;
        });
    }

    private static void upsertAttr(Connection c, String table, long trialId, String key, String json)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (trial_id, key, value_json)"
                + " VALUES (?, ?, ?) ON CONFLICT (trial_id, key) DO UPDATE SET value_json = excluded.value_json")) {
            s.setLong(1, trialId);
            s.setString(2, key);
            s.setString(3, json);
            s.executeUpdate();
        }
    }

    @Override
    public boolean claim(long studyId, String token, long trialId) {
        return write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO claims (study_id, token, trial_id)"
                    + " VALUES (?, ?, ?) ON CONFLICT (study_id, token) DO NOTHING")) {
                s.setLong(1, studyId);
                s.setString(2, token);
                s.setLong(3, trialId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT trial_id FROM claims WHERE study_id = ? AND token = ?")) {
                s.setLong(1, studyId);
                s.setString(2, token);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1) == trialId;
                }
            }
        });
    }

    @Override
    public boolean moveTrial(long trialId, TrialState from, TrialState to) {
        Storage.requirePauseOrResume(from, to);
        return write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE trials SET state = ?, version = version + 1"
                    + " WHERE id = ? AND state = ?")) {
                s.setString(1, to.name());
                s.setLong(2, trialId);
                s.setString(3, from.name());
                if (s.executeUpdate() == 1) {
                    return true;
                }
            }
            requireTrial(c, trialId);
            return false;
        });
    }

    @Override
    public void finishTrial(long trialId, TrialState state, Double value) {
        Requires.argument(state.isFinished(), () -> "a trial must finish as COMPLETE, PRUNED or FAIL, but got " + state);
        write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE trials SET state = ?, value = ?, end_ms = ?,"
                    + " version = version + 1 WHERE id = ? AND state IN (?, ?, ?)")) {
                s.setString(1, state.name());
                if (value == null) {
                    s.setNull(2, java.sql.Types.DOUBLE);
                } else {
                    s.setDouble(2, value);
                }
                s.setLong(3, clock.millis());
                s.setLong(4, trialId);
                s.setString(5, TrialState.RUNNING.name());
                s.setString(6, TrialState.WAITING.name());
                s.setString(7, TrialState.PAUSED.name());
                if (s.executeUpdate() == 1) {
                    return null;
                }
            }
            TrialRow row = requireTrial(c, trialId);
            throw new IllegalStateException("trial " + row.number + " is already " + row.state);
        });
    }

    @Override
    public FrozenTrial getTrial(long trialId) {
        return read(c -> {
            TrialRow row = requireTrial(c, trialId);
            return load(c, List.of(row)).get(0);
        });
    }

    @Override
    public List<FrozenTrial> trials(long studyId, Set<TrialState> states) {
        Set<TrialState> wanted = states.isEmpty() ? EnumSet.allOf(TrialState.class) : states;
        return read(c -> {
            requireStudy(c, studyId);
            List<TrialRow> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, number, state, value, start_ms, end_ms, version"
                    + " FROM trials WHERE study_id = ? ORDER BY number")) {
                s.setLong(1, studyId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        TrialRow row = TrialRow.of(r);
                        if (wanted.contains(row.state)) {
                            rows.add(row);
                        }
                    }
                }
            }
            return load(c, rows);
        });
    }

    /** The trials of the rows, from the cache where the row version matches, else from the tables. */
    private List<FrozenTrial> load(Connection c, List<TrialRow> rows) throws SQLException {
        List<TrialRow> missing = new ArrayList<>();
        for (TrialRow row : rows) {
            Cached hit = cache.get(row.id);
            if (hit == null || hit.version != row.version) {
                missing.add(row);
            }
        }
        if (!missing.isEmpty()) {
            Details details = Details.read(c, missing.stream().map(r -> r.id).toList());
            for (TrialRow row : missing) {
                FrozenTrial trial = details.freeze(row);
                if (row.state.isFinished()) {
                    cache.put(row.id, new Cached(row.version, trial));
                } else {
                    cache.remove(row.id);
                }
                row.loaded = trial;
            }
        }
        List<FrozenTrial> result = new ArrayList<>(rows.size());
        for (TrialRow row : rows) {
            result.add(row.loaded != null ? row.loaded : cache.get(row.id).trial);
        }
        return result;
    }

    /** The next free number: the result of a one-row, one-column query taking an id. */
    private static int next(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static void bump(Connection c, long trialId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE trials SET version = version + 1 WHERE id = ?")) {
            s.setLong(1, trialId);
            s.executeUpdate();
        }
    }

    private void requireStudy(Connection c, long studyId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM studies WHERE id = ?")) {
            s.setLong(1, studyId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalArgumentException("no study with id " + studyId + " in " + location);
                }
            }
        }
    }

    private TrialRow requireTrial(Connection c, long trialId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, number, state, value, start_ms, end_ms, version"
                + " FROM trials WHERE id = ?")) {
            s.setLong(1, trialId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalArgumentException("no trial with id " + trialId + " in " + location);
                }
                return TrialRow.of(r);
            }
        }
    }

    private void requireRunning(Connection c, long trialId) throws SQLException {
        TrialRow row = requireTrial(c, trialId);
        if (row.state != TrialState.RUNNING) {
            throw new IllegalStateException("trial " + row.number + " is " + row.state + ", not RUNNING");
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** One row of the trials table. */
    private static final class TrialRow {
        long id;
        int number;
        TrialState state;
        Double value;
        Instant start;
        Instant end;
        long version;
        FrozenTrial loaded;

        static TrialRow of(ResultSet r) throws SQLException {
            TrialRow row = new TrialRow();
            row.id = r.getLong(1);
            row.number = r.getInt(2);
            row.state = TrialState.valueOf(r.getString(3));
            double v = r.getDouble(4);
            row.value = r.wasNull() ? null : v;
            long start = r.getLong(5);
            row.start = r.wasNull() ? null : Instant.ofEpochMilli(start);
            long end = r.getLong(6);
            row.end = r.wasNull() ? null : Instant.ofEpochMilli(end);
            row.version = r.getLong(7);
            return row;
        }
    }

    /** Parameters, reported values and attributes of a set of trials, read in four queries. */
    private static final class Details {
        final Map<Long, Map<String, Object>> params = new HashMap<>();
        final Map<Long, Map<String, Distribution>> distributions = new HashMap<>();
        final Map<Long, TreeMap<Integer, Double>> values = new HashMap<>();
        final Map<Long, Map<String, Object>> userAttrs = new HashMap<>();
        final Map<Long, Map<String, Object>> systemAttrs = new HashMap<>();

        static Details read(Connection c, List<Long> ids) throws SQLException {
            Details d = new Details();
            for (int from = 0; from < ids.size(); from += 500) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                String in = chunk.stream().map(x -> "?").collect(Collectors.joining(", ", "(", ")"));
                query(c, "SELECT trial_id, name, value_json, distribution_json FROM trial_params WHERE trial_id IN "
                        + in + " ORDER BY trial_id, seq", chunk, r -> {
                            long id = r.getLong(1);
                            d.params.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(r.getString(2),
                                    Json.read(r.getString(3)));
                            d.distributions.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(r.getString(2),
                                    Json.readDistribution(r.getString(4)));
                        });
                query(c, "SELECT trial_id, step, value FROM trial_values WHERE trial_id IN " + in, chunk, r -> {
                    double v = r.getDouble(3);
                    double value = r.wasNull() ? Double.NaN : v;
                    d.values.computeIfAbsent(r.getLong(1), k -> new TreeMap<>()).put(r.getInt(2), value);
                });
                query(c, "SELECT trial_id, key, value_json FROM trial_user_attrs WHERE trial_id IN " + in
                        + " ORDER BY trial_id, key", chunk, r -> d.userAttrs.computeIfAbsent(r.getLong(1),
                                k -> new LinkedHashMap<>()).put(r.getString(2), Json.read(r.getString(3))));
                query(c, "SELECT trial_id, key, value_json FROM trial_system_attrs WHERE trial_id IN " + in
                        + " ORDER BY trial_id, key", chunk, r -> d.systemAttrs.computeIfAbsent(r.getLong(1),
                                k -> new LinkedHashMap<>()).put(r.getString(2), Json.read(r.getString(3))));
            }
            return d;
        }

        FrozenTrial freeze(TrialRow row) {
            return new FrozenTrial(row.id, row.number, row.state, row.value, params.getOrDefault(row.id, Map.of()),
                    distributions.getOrDefault(row.id, Map.of()), values.getOrDefault(row.id, new TreeMap<>()),
                    userAttrs.getOrDefault(row.id, Map.of()), systemAttrs.getOrDefault(row.id, Map.of()), row.start,
                    row.end);
        }

        @FunctionalInterface
        interface RowConsumer {
            void accept(ResultSet r) throws SQLException;
        }

        private static void query(Connection c, String sql, List<Long> ids, RowConsumer consumer) throws SQLException {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < ids.size(); i++) {
                    s.setLong(i + 1, ids.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        consumer.accept(r);
                    }
                }
            }
        }
    }
}
