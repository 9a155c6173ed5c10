package scrim.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

/** The registry picks the automatic model (and a service by name) by one rule: highest ranking, then lowest service id. */
class RegistryUnitTest {

    private static final String NAME = "segmenter.name";
    private static final String AUTO = "segmenter.auto";

    /** A service object of its own identity, as DS hands the registry. */
    private record Service(long id) {
    }

    private static Map<String, Object> props(String name, long id, Integer ranking) {
        Map<String, Object> p = new HashMap<>();
        p.put(NAME, name);
        p.put(Constants.SERVICE_ID, id);
        if (ranking != null) {
            p.put(Constants.SERVICE_RANKING, ranking);
        }
        return p;
    }

    @Test
    void onATieTheLowestServiceIdWinsWhateverTheOrderOfBinding() {
        Random random = new Random(1);
        for (int round = 0; round < 20; round++) {
            List<Long> ids = new ArrayList<>();
            for (long id = 10; id < 40; id++) {
                ids.add(id);
            }
            Collections.shuffle(ids, random);
            Registry<Object> registry = new Registry<>(NAME);
            for (long id : ids) {
                // distinct objects whose hash order differs from their id order
                registry.add(new Object(), props("model" + id, id, id % 2 == 0 ? null : 0));
            }
            assertEquals("model10", registry.nameOf(registry.bestWhere(AUTO)), "round " + round + ", bound in order " + ids);
        }
    }

    @Test
    void aHigherRankingBeatsAnOlderService() {
        Registry<Service> registry = new Registry<>(NAME);
        registry.add(new Service(5), props("landscape", 5, 10));
        registry.add(new Service(3), props("general", 3, 0));
        registry.add(new Service(1), props("scene", 1, 100));
        registry.add(new Service(2), props("other", 2, 100));
        assertEquals("scene", registry.bestNameWhere(AUTO));
        Map<String, Object> scene = props("scene", 1, 100);
        scene.put(AUTO, false);
        registry.add(new Service(1), scene);
        assertEquals("other", registry.bestNameWhere(AUTO), "a model that must not be picked automatically is skipped");
    }

    @Test
    void twoServicesOfOneNameResolveToTheOlder() {
        Registry<Service> registry = new Registry<>(NAME);
        for (long id : new long[] {9, 4, 7}) {
            registry.add(new Service(id), props("blur", id, null));
        }
        assertEquals(new Service(4), registry.find("blur"));
        assertNull(registry.find("dim"));
        assertNull(new Registry<Service>(NAME).bestNameWhere(AUTO));
    }
}
