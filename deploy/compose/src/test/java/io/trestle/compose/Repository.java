package io.trestle.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The checkout the tests read: its root (from the build), the compose file, the version and Kafka version the build
 * uses, and the images profile of the root pom, so the compose file is held to the image names the build produces.
 */
final class Repository {

    static final String IMAGES_PROFILE = "images";

    private Repository() {
    }

    static Path root() {
        return Path.of(required("trestle.root")).toAbsolutePath().normalize();
    }

    static ComposeFile compose() {
        return ComposeFile.read(root().resolve("docker-compose.yml"));
    }

    static String version() {
        return required("trestle.version");
    }

    static String kafkaVersion() {
        return required("trestle.kafka.version");
    }

    static String read(String relativePath) {
        try {
            return Files.readString(root().resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The images profile of the root pom: the property that activates it and the properties it sets. */
    static ImagesProfile imagesProfile() {
        Element profile = profile(IMAGES_PROFILE);
        Element activation = child(profile, "activation");
        String property = child(child(activation, "property"), "name").getTextContent().strip();
        Map<String, String> properties = new LinkedHashMap<>();
        NodeList settings = child(profile, "properties").getChildNodes();
        for (int i = 0; i < settings.getLength(); i++) {
            if (settings.item(i) instanceof Element setting) {
                properties.put(setting.getTagName(), setting.getTextContent().strip());
            }
        }
        return new ImagesProfile(property, properties);
    }

    record ImagesProfile(String activationProperty, Map<String, String> properties) {

        String property(String name) {
            String value = properties.get(name);
            if (value == null) {
                throw new AssertionError("the images profile of pom.xml does not set " + name);
            }
            return value;
        }
    }

    private static Element profile(String id) {
        try {
            Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(root().resolve("pom.xml").toFile()).getDocumentElement();
            NodeList profiles = child(project, "profiles").getElementsByTagName("profile");
            for (int i = 0; i < profiles.getLength(); i++) {
                Element profile = (Element) profiles.item(i);
                if (child(profile, "id").getTextContent().strip().equals(id)) {
                    return profile;
                }
            }
        } catch (Exception e) {
            throw new AssertionError("cannot read the root pom.xml", e);
        }
        throw new AssertionError("the root pom.xml has no profile " + id);
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        throw new AssertionError("<" + parent.getTagName() + "> in pom.xml has no <" + name + ">");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new AssertionError("system property " + property + " is not set; run the tests through Maven");
        }
        return value;
    }
}
