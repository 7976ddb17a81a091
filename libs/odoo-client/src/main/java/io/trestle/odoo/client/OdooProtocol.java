package io.trestle.odoo.client;

/** The wire protocol of the external API. */
public enum OdooProtocol {
    /** JSON-2 when {@code common.version} reports a major version of 19 or more, JSON-RPC otherwise. */
    AUTO,
    /** {@code POST /jsonrpc} with {@code execute_kw}: Odoo 14–21 (deprecated from 19, removed in 22). */
    JSON_RPC,
    /** {@code POST /json/2/<model>/<method>} with a bearer API key and named arguments: Odoo 19+. */
    JSON_2
}
