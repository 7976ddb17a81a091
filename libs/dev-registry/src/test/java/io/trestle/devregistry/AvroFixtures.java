package io.trestle.devregistry;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** The schemas and records of the recorded scenarios. */
final class AvroFixtures {

    static final Schema TRADE_V1 = parse("""
            {"type":"record","name":"Trade","namespace":"tx","fields":[
              {"name":"symbol","type":"string"},{"name":"price","type":"double"}]}""");
    static final Schema TRADE_V2 = parse("""
            {"type":"record","name":"Trade","namespace":"tx","fields":[
              {"name":"symbol","type":"string"},{"name":"price","type":"double"},
              {"name":"note","type":["null","string"],"default":null}]}""");
    /** Adds a field without default: not BACKWARD compatible with v1. */
    static final Schema TRADE_WITH_REQUIRED_VENUE = parse("""
            {"type":"record","name":"Trade","namespace":"tx","fields":[
              {"name":"symbol","type":"string"},{"name":"price","type":"double"},
              {"name":"venue","type":"string"}]}""");
    static final Schema TRADE_KEY = parse("""
            {"type":"record","name":"TradeKey","namespace":"tx","fields":[{"name":"id","type":"string"}]}""");
    static final Schema QUOTE = parse("""
            {"type":"record","name":"Quote","namespace":"tx","fields":[
              {"name":"symbol","type":"string"},{"name":"bid","type":"double"}]}""");
    /** A record with a nested named record, which the serde registers as a separate artifact and references. */
    static final Schema ORDER = parse("""
            {"type":"record","name":"Order","namespace":"tx","fields":[
              {"name":"orderId","type":"string"},
              {"name":"amount","type":{"type":"record","name":"Money","namespace":"tx.common","fields":[
                {"name":"units","type":"long"},{"name":"currency","type":"string"}]}}]}""");

    private AvroFixtures() {
    }

    static GenericRecord tradeV1(String symbol, double price) {
        GenericRecord trade = new GenericData.Record(TRADE_V1);
        trade.put("symbol", symbol);
        trade.put("price", price);
        return trade;
    }

    static GenericRecord tradeV2(String symbol, double price, String note) {
        GenericRecord trade = new GenericData.Record(TRADE_V2);
        trade.put("symbol", symbol);
        trade.put("price", price);
        trade.put("note", note);
        return trade;
    }

    static GenericRecord tradeWithVenue() {
        GenericRecord trade = new GenericData.Record(TRADE_WITH_REQUIRED_VENUE);
        trade.put("symbol", "ACME");
        trade.put("price", 1.0);
        trade.put("venue", "XNYS");
        return trade;
    }

    static GenericRecord tradeKey(String id) {
        GenericRecord key = new GenericData.Record(TRADE_KEY);
        key.put("id", id);
        return key;
    }

    static GenericRecord quote(String symbol, double bid) {
        GenericRecord quote = new GenericData.Record(QUOTE);
        quote.put("symbol", symbol);
        quote.put("bid", bid);
        return quote;
    }

    static GenericRecord order(String orderId, long units, String currency) {
        Schema moneySchema = ORDER.getField("amount").schema();
        GenericRecord money = new GenericData.Record(moneySchema);
        money.put("units", units);
        money.put("currency", currency);
        GenericRecord order = new GenericData.Record(ORDER);
        order.put("orderId", orderId);
        order.put("amount", money);
        return order;
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
