package io.trestle.telemetry.query;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** A store of a few entries, for tests about where a query goes and how it is answered, not about reading RocksDB. */
public final class MapStore<V> implements ReadOnlyKeyValueStore<String, V> {

    private final NavigableMap<String, V> entries = new TreeMap<>();

    public MapStore<V> with(String key, V value) {
        entries.put(key, value);
        return this;
    }

    @Override
    public V get(String key) {
        return entries.get(key);
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        return iterator(entries.subMap(from, true, to, true));
    }

    @Override
    public KeyValueIterator<String, V> all() {
        return iterator(entries);
    }

    @Override
    public long approximateNumEntries() {
        return entries.size();
    }

    private static <V> KeyValueIterator<String, V> iterator(Map<String, V> map) {
        Iterator<Map.Entry<String, V>> it = map.entrySet().iterator();
        return new KeyValueIterator<>() {

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<String, V> next() {
                Map.Entry<String, V> entry = it.next();
                return KeyValue.pair(entry.getKey(), entry.getValue());
            }

            @Override
            public void close() {
            }

            @Override
            public String peekNextKey() {
                throw new UnsupportedOperationException("not needed by the queries");
            }
        };
    }
}
