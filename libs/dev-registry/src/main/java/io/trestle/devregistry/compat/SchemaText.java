package io.trestle.devregistry.compat;

import java.util.List;

/**
 * Schema text together with the texts of the schemas it references, so it can be parsed on its own.
 *
 * @param referencedContents
 *            the referenced schema texts, dependencies before the schemas that use them
 */
public record SchemaText(String content, List<String> referencedContents) {

    public SchemaText {
        referencedContents = List.copyOf(referencedContents);
    }

    public static SchemaText standalone(String content) {
        return new SchemaText(content, List.of());
    }
}
