package dev.taskflux.service.workflow.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.common.values.NullValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CelValuesTest {

    @Test
    void numbersWidenToCelsLongAndDouble() {
        assertThat(CelValues.toCel(7)).isEqualTo(7L);
        assertThat(CelValues.toCel((short) 7)).isEqualTo(7L);
        assertThat(CelValues.toCel(BigInteger.TEN)).isEqualTo(10L);
        assertThat(CelValues.toCel(1.5f)).isEqualTo(1.5);
        assertThat(CelValues.toCel(new BigDecimal("2.25"))).isEqualTo(2.25);
    }

    @Test
    void nestedStructuresAreConvertedAllTheWayDown() {
        Object converted = CelValues.toCel(Map.of("a", List.of(1, Map.of("b", 2)), "c", Arrays.asList(1, null)));

        assertThat(converted).isEqualTo(Map.of(
                "a", List.of(1L, Map.of("b", 2L)),
                "c", List.of(1L, NullValue.NULL_VALUE)));
    }

    @Test
    void valuesOutsideJsonAreRejectedOnTheWayIn() {
        assertThatThrownBy(() -> CelValues.toCel(Instant.EPOCH))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("a Instant is not a JSON value");
        assertThatThrownBy(() -> CelValues.toCel(BigInteger.TWO.pow(64)))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("does not fit in 64 bits");
        assertThatThrownBy(() -> CelValues.toCel(Map.of(1, "x")))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("JSON needs a string");
    }

    @Test
    void celNullsComeBackAsJavaNulls() {
        assertThat(CelValues.toJson(NullValue.NULL_VALUE)).isNull();
        assertThat(CelValues.toJson(List.of(NullValue.NULL_VALUE))).isEqualTo(Arrays.asList((Object) null));
    }
}
