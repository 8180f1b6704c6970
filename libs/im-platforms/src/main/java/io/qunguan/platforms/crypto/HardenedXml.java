package io.qunguan.platforms.crypto;

import io.qunguan.platforms.WebhookRejectedException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The flat XML documents WeCom sends ({@code <xml><Field>value</Field>…</xml>}), read with everything that
 * reaches outside the document switched off: no DOCTYPE at all (so no external entity, no entity expansion
 * bomb), no external DTD or schema, no XInclude, and a bounded element depth.
 */
public final class HardenedXml {

    static final int MAX_DEPTH = 8;

    private final Map<String, String> fields;
    private final Map<String, List<String>> items;

    private HardenedXml(Map<String, String> fields, Map<String, List<String>> items) {
        this.fields = fields;
        this.items = items;
    }

    /** @throws WebhookRejectedException 400 when the text is not a plain XML document */
    public static HardenedXml parse(String xml) {
        Document document;
        try {
            DocumentBuilder builder = FACTORY.get().newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not read");
            });
            builder.setErrorHandler(null);
            document = builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw WebhookRejectedException.badRequest("body is not a plain XML document");
        }
        Element root = document.getDocumentElement();
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, List<String>> items = new LinkedHashMap<>();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                List<String> childItems = new ArrayList<>();
                NodeList grandchildren = child.getChildNodes();
                for (int j = 0; j < grandchildren.getLength(); j++) {
                    if (grandchildren.item(j) instanceof Element item) {
                        childItems.add(item.getTextContent().trim());
                    }
                }
                fields.putIfAbsent(child.getTagName(), childItems.isEmpty() ? child.getTextContent() : "");
                if (!childItems.isEmpty()) {
                    items.put(child.getTagName(), childItems);
                }
            }
        }
        return new HardenedXml(fields, items);
    }

    /** The text of a top-level field, trimmed, or empty when absent or blank. */
    public Optional<String> text(String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * The values of a list field in either form WeCom has used: child elements ({@code <Item>a</Item><Item>b</Item>})
     * or one comma-separated text ({@code <![CDATA[a,b]]>}).
     */
    public List<String> list(String name) {
        List<String> children = items.get(name);
        if (children != null) {
            return children.stream().filter(value -> !value.isEmpty()).toList();
        }
        return text(name).map(value -> List.of(value.split(","))).orElse(List.of()).stream()
                .map(String::trim).filter(value -> !value.isEmpty()).toList();
    }

    private static final ThreadLocal<DocumentBuilderFactory> FACTORY = ThreadLocal.withInitial(() -> {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a hardening feature", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // the parser stops at this depth itself, before a deeply nested body is ever built into a tree
        factory.setAttribute("jdk.xml.maxElementDepth", Integer.toString(MAX_DEPTH));
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    });
}
