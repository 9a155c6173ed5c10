package scrim.settings.internal;

import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.osgi.framework.Bundle;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the min and max of each attribute from a bundle's Metatype files: the Metatype API
 * checks ranges but does not say what they are, and a good message names the valid range.
 */
final class DefinitionFiles {

    private DefinitionFiles() {
    }

    /** Attribute id to {min, max} (either may be null) for the definition designated to pid. */
    static Map<String, String[]> ranges(Bundle bundle, String pid) {
        Map<String, String[]> ranges = new HashMap<>();
        Enumeration<URL> files = bundle.findEntries("OSGI-INF/metatype", "*.xml", false);
        for (URL url : files == null ? List.<URL>of() : Collections.list(files)) {
            try (InputStream in = url.openStream()) {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setNamespaceAware(false);
                Document doc = f.newDocumentBuilder().parse(in);
                String ocd = null;
                NodeList designates = doc.getElementsByTagName("Designate");
                for (int i = 0; i < designates.getLength(); i++) {
                    Element d = (Element) designates.item(i);
                    NodeList objects = d.getElementsByTagName("Object");
                    if (pid.equals(d.getAttribute("pid")) && objects.getLength() > 0) {
                        ocd = ((Element) objects.item(0)).getAttribute("ocdref");
                    }
                }
                NodeList ocds = doc.getElementsByTagName("OCD");
                for (int i = 0; ocd != null && i < ocds.getLength(); i++) {
                    Element o = (Element) ocds.item(i);
                    if (!ocd.equals(o.getAttribute("id"))) {
                        continue;
                    }
                    NodeList ads = o.getElementsByTagName("AD");
                    for (int j = 0; j < ads.getLength(); j++) {
                        Element ad = (Element) ads.item(j);
                        ranges.put(ad.getAttribute("id"), new String[] {attribute(ad, "min"), attribute(ad, "max")});
                    }
                }
            } catch (Exception e) {
                // an unreadable file only loses the ranges in messages: the Metatype service still checks values
            }
        }
        return ranges;
    }

    private static String attribute(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name) : null;
    }
}
