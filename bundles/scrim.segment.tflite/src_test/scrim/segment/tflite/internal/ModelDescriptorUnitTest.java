package scrim.segment.tflite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class ModelDescriptorUnitTest {

    private static ModelDescriptor parse(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return ModelDescriptor.parse(p, "test.properties");
    }

    @Test
    void readsADescriptor() throws Exception {
        ModelDescriptor d = parse("name=meet\nfile=model/meet.tflite\ninput.range=-1,1\noutput.layout=classes\nperson=1\nranking=7\n");
        assertEquals("meet", d.name());
        assertEquals(-1f, d.inputMin());
        assertEquals(1f, d.inputMax());
        assertEquals(1, d.personFor(2));
        assertEquals(7, d.ranking());
    }

    @Test
    void personDefaultsFollowTheChannelCount() throws Exception {
        ModelDescriptor d = parse("name=m\nfile=f.tflite\n");
        assertEquals(0, d.personFor(1));
        assertEquals(1, d.personFor(2));
        assertEquals(15, d.personFor(21));
    }

    @Test
    void badDescriptorsNameTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("file=f.tflite\n")).getMessage().contains("'name' is missing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("name=m\nfile=f\ninput.range=1,0\n")).getMessage()
                .contains("input range '1,0' is not MIN,MAX"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("name=m\nfile=f\noutput.layout=boxes\n")).getMessage()
                .contains("is not probability, logit or classes"));
    }

    @Test
    void fileOptions() {
        ModelDescriptor d = ModelDescriptor.forFile("/m/deeplab.tflite", Map.of("range", "-1..1", "person", "15"));
        assertEquals(-1f, d.inputMin());
        assertEquals(15, d.personFor(21));
        assertEquals("deeplab.tflite", d.label());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelDescriptor.forFile("/m/x.tflite", Map.of("colour", "red")))
                .getMessage().contains("model option 'colour' is unknown"));
    }
}
