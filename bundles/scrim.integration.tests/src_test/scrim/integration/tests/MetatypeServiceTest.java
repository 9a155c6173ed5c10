package scrim.integration.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.util.tracker.ServiceTracker;

/** Settings are described by Metatype, so a UI can build its forms from the definitions alone. */
public class MetatypeServiceTest {

    private static Set<String> attributes(String bsn, String pid) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(MetatypeServiceTest.class).getBundleContext();
        ServiceTracker<MetaTypeService, MetaTypeService> t = new ServiceTracker<>(context, MetaTypeService.class, null);
        t.open();
        try {
            MetaTypeService metatype = t.waitForService(20_000);
            assertNotNull(metatype, "the Metatype service");
            Bundle bundle = Arrays.stream(context.getBundles()).filter(b -> bsn.equals(b.getSymbolicName())).findFirst().orElseThrow();
            MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
            ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
            assertNotNull(ocd, pid + " is described");
            return Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)).map(AttributeDefinition::getID).collect(Collectors.toSet());
        } finally {
            t.close();
        }
    }

    @Test
    public void theEngineAndTheModelsDescribeTheirSettings() throws Exception {
        Set<String> engine = attributes("scrim.engine", "scrim.engine");
        assertTrue(engine.containsAll(Set.of("source", "effects", "refine.smoothing", "refine.guided", "refine.threshold", "refine.feather")), engine.toString());
        Set<String> tflite = attributes("scrim.segment.tflite", "scrim.segment.tflite");
        assertTrue(tflite.containsAll(Set.of("xnnpack", "threads", "flip")), tflite.toString());
    }
}
