package io.trestle.odoo.standin.http;

import io.trestle.odoo.standin.orm.Database;
import io.trestle.odoo.standin.rpc.OdooServices;
import io.trestle.odoo.standin.security.Credentials;
import io.trestle.odoo.standin.security.Security;

/** What the endpoints serve: Odoo's services, and the state the web and JSON-2 routes read directly. */
public record HttpBackend(OdooServices services, Credentials credentials, Database database, Security security,
        ControlTarget controls) {
}
