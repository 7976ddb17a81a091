package io.trestle.equipment.aemp;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a JSON or XML payload into {@link Node} trees, one per document root. */
final class PayloadReader {

    enum Format {
        JSON,
        XML
    }

    /** Without this, {@code {...} garbage} would be read as the object alone. */
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final DocumentBuilderFactory xml = secureDocumentBuilderFactory();

    /**
     * The content decides when it can, since vendors label JSON as {@code text/xml} and the other way round; the
     * content type only breaks the tie for content that starts with neither.
     */
    static Format detect(String body, String contentType) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '<') {
                return Format.XML;
            }
            if (c == '{' || c == '[') {
                return Format.JSON;
            }
            if (!Character.isWhitespace(c) && c != '\uFEFF') {
                break;
            }
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            return Format.JSON;
        }
        if (type.contains("xml")) {
            return Format.XML;
        }
        throw new AempFormatException("payload is neither JSON nor XML (content type '" + contentType + "')",
                "start of payload");
    }

    /**
     * The document roots: the elements of a top-level JSON array (vendors wrap the document in one), otherwise the
     * single object or XML root element.
     */
    List<Node> read(String body, String contentType) {
        if (body == null || body.isBlank()) {
            throw new AempFormatException("payload is empty", "start of payload");
        }
        String content = body.charAt(0) == '\uFEFF' ? body.substring(1) : body;
        return detect(content, contentType) == Format.JSON ? readJson(content) : List.of(readXml(content));
    }

    private List<Node> readJson(String body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null
                    ? "JSON payload"
                    : "JSON line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new AempFormatException("invalid JSON: " + e.getOriginalMessage(), where, e);
        }
        if (root.isObject()) {
            return List.of(jsonNode("", "$", root));
        }
        if (!root.isArray()) {
            throw new AempFormatException("JSON payload is neither an object nor an array", "$");
        }
        List<Node> roots = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            if (!root.get(i).isObject()) {
                throw new AempFormatException("JSON array entry is not an object", "$[" + i + "]");
            }
            roots.add(jsonNode("", "$[" + i + "]", root.get(i)));
        }
        return roots;
    }

    private static Node jsonNode(String name, String path, JsonNode value) {
        if (!value.isContainerNode()) {
            return new Node(name, path, value.isNull() ? null : value.asText().trim(), List.of());
        }
        List<Node> children = new ArrayList<>();
        value.fields().forEachRemaining(member -> addJsonMember(children, member.getKey(),
                path + "/" + member.getKey(), member.getValue()));
        return new Node(name, path, null, children);
    }

    /**
     * An array member becomes one child per entry, as repeated XML elements of that name would; an array nested in an
     * array is flattened into the same name.
     */
    private static void addJsonMember(List<Node> children, String name, String path, JsonNode value) {
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                addJsonMember(children, name, path + "[" + i + "]", value.get(i));
            }
        } else {
            children.add(jsonNode(name, path, value));
        }
    }

    private Node readXml(String body) {
        Document document;
        try {
            DocumentBuilder builder = xml.newDocumentBuilder();
            builder.setErrorHandler(RETHROW);
            document = builder.parse(new InputSource(new StringReader(body)));
        } catch (SAXParseException e) {
            throw new AempFormatException("invalid XML: " + e.getMessage(),
                    "XML line " + e.getLineNumber() + ", column " + e.getColumnNumber(), e);
        } catch (SAXException | IOException e) {
            throw new AempFormatException("invalid XML: " + e.getMessage(), "XML payload", e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required feature", e);
        }
        Element root = document.getDocumentElement();
        return xmlNode(root, localName(root));
    }

    private static Node xmlNode(Element element, String path) {
        List<Node> children = new ArrayList<>();
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                String name = localName(attribute);
                children.add(new Node(name, path + "/@" + name, attribute.getValue().trim(), List.of()));
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        StringBuilder text = new StringBuilder();
        boolean hasElements = false;
        for (org.w3c.dom.Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                hasElements = true;
                String name = localName(childElement);
                int index = seen.merge(name, 1, Integer::sum);
                children.add(xmlNode(childElement, path + "/" + name + "[" + index + "]"));
            } else if (child.getNodeType() == org.w3c.dom.Node.TEXT_NODE
                    || child.getNodeType() == org.w3c.dom.Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        String value = hasElements && text.toString().isBlank() ? null : text.toString().trim();
        return new Node(localName(element), path, value, children);
    }

    private static String localName(org.w3c.dom.Node node) {
        return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
    }

    /**
     * Payloads come from outside: no DTDs and no external entities, so a payload can neither read local files nor
     * expand entities without bound.
     */
    private static DocumentBuilderFactory secureDocumentBuilderFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be secured", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    /** The default handler prints to stderr before failing; the exception alone says it all. */
    private static final ErrorHandler RETHROW = new ErrorHandler() {

        @Override
        public void warning(SAXParseException e) {
            // A warning leaves the document readable; only errors make it unusable.
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
