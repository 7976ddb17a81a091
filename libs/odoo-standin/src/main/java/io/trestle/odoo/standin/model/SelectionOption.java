package io.trestle.odoo.standin.model;

/** One value of a selection field and its label, as {@code fields_get} lists them. */
public record SelectionOption(String value, String label) {
}
