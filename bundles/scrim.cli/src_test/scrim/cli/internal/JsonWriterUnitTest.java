package scrim.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonWriterUnitTest {

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertEquals("\"say \\\"hi\\\"\"", JsonWriter.quote("say \"hi\""));
        assertEquals("\"C:\\\\models\\\\a.tflite\"", JsonWriter.quote("C:\\models\\a.tflite"));
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("\"a\\nb\\rc\\td\\be\\ff\"", JsonWriter.quote("a\nb\rc\td\be\ff"));
        assertEquals("\"\\u0000\\u001f\\u007f\"", JsonWriter.quote("\u0000\u001f\u007f"));
        assertEquals("\"\\u2028\\u2029\"", JsonWriter.quote("\u2028\u2029"));
    }

    @Test
    void nonAsciiIsKeptAsItIs() {
        assertEquals("\"Müller über 東京 😀\"", JsonWriter.quote("Müller über 東京 😀"));
    }

    @Test
    void writesOneObjectWithEveryKindOfValue() {
        Map<String, Double> ms = new LinkedHashMap<>();
        ms.put("capture", 1.5);
        ms.put("odd \"stage\"", 0.0004);
        String json = new JsonWriter().string("size", "1280x720").number("frames", 570).string("model", null)
                .strings("effects", List.of("blur", "my \"fx\"\n")).numbers("ms", ms, 3).number("fps", 123.456, 1)
                .number("nan", Double.NaN, 2).numbers("none", Map.of(), 3).toString();
        assertEquals("{\"size\":\"1280x720\",\"frames\":570,\"model\":null,\"effects\":[\"blur\",\"my \\\"fx\\\"\\n\"],"
                + "\"ms\":{\"capture\":1.500,\"odd \\\"stage\\\"\":0.000},\"fps\":123.5,\"nan\":null,\"none\":{}}", json);
    }
}
