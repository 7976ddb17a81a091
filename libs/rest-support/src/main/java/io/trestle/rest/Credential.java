package io.trestle.rest;

/** How a request's client proved who it is; decides which further checks apply (signatures are per API-key client). */
public enum Credential {
    API_KEY,
    BEARER_TOKEN
}
