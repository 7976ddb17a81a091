package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The classification rules beyond the recorded errors (which {@link RecordedErrorsTest} covers): names Odoo raises
 * under load or from other versions, and statuses without a usable body.
 */
class ErrorClassifierTest {

    @ParameterizedTest(name = "{0}: {1} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            psycopg2.errors.SerializationFailure | could not serialize access due to concurrent update | 200 | TRANSIENT
            psycopg2.errors.DeadlockDetected | deadlock detected | 200 | TRANSIENT
            odoo.exceptions.ValidationError | could not serialize access due to concurrent update | 200 | TRANSIENT
            psycopg2.OperationalError | server closed the connection unexpectedly | 200 | TRANSIENT
            psycopg2.OperationalError | FATAL:  database "nosuchdb" does not exist | 200 | CONFIGURATION
            odoo.exceptions.UserError | Object no.such.model doesn't exist | 200 | CONFIGURATION
            odoo.exceptions.UserError | You cannot delete a posted journal item. | 200 | VALIDATION
            builtins.ValueError | Invalid field 'foo_bar' on model 'project.task' | 200 | CONFIGURATION
            builtins.ValueError | time data '26/11/2026' does not match format '%Y-%m-%d' | 200 | VALIDATION
            odoo.exceptions.AccessError | Private methods (such as _compute_display_name) cannot be called remotely. | 200 | CONFIGURATION
            odoo.exceptions.AccessError | You are not allowed to access 'Maintenance Request' | 200 | AUTHORIZATION
            odoo.http.SessionExpiredException | Session expired | 200 | AUTHENTICATION
            builtins.TypeError | create() missing 1 required positional argument | 200 | CONFIGURATION
            odoo.addons.custom.SomethingNew | unheard of | 200 | CONFIGURATION
            werkzeug.exceptions.Unauthorized | Invalid apikey | 401 | AUTHENTICATION
            werkzeug.exceptions.Forbidden | forbidden | 403 | AUTHORIZATION
            werkzeug.exceptions.NotFound | the model 'x' does not exist | 404 | CONFIGURATION
            werkzeug.exceptions.BadRequest | could not parse the body as json | 400 | CONFIGURATION
            werkzeug.exceptions.UnprocessableEntity | missing a required argument: 'vals' | 422 | CONFIGURATION
            werkzeug.exceptions.ServiceUnavailable | down | 503 | TRANSIENT
            | | 408 | TRANSIENT
            | | 429 | TRANSIENT
            | | 500 | TRANSIENT
            | | 502 | TRANSIENT
            | | 422 | VALIDATION
            | | 405 | CONFIGURATION
            """)
    void classifies(String name, String message, int status, OdooErrorClass expected) {
        assertThat(ErrorClassifier.classify(name, message, status)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "HTTP {0} may have been applied: {1}")
    @CsvSource({"429, false", "503, false", "500, true", "502, true", "504, true", "400, false"})
    void outcomeOfAFailedStatus(int status, boolean unknown) {
        assertThat(ErrorClassifier.outcomeUnknownForStatus(status)).isEqualTo(unknown);
    }
}
