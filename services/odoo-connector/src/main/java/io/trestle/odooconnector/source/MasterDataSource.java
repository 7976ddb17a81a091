package io.trestle.odooconnector.source;

/** Where master data comes from: Odoo's database (change-data-capture) or Odoo's API (polling). */
public interface MasterDataSource extends AutoCloseable {

    /** Starts reading in the background, handing what it reads to {@code handler}. */
    void start(ChangeHandler handler);

    SourceHealth health();

    @Override
    void close();
}
