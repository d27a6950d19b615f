package dev.taskflux.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfOneToHundred() {
        double[] values = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

        Percentiles p = Percentiles.ofSorted(values);

        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50.0);
        assertThat(p.p90()).isEqualTo(90.0);
        assertThat(p.p99()).isEqualTo(99.0);
        assertThat(p.max()).isEqualTo(100.0);
    }

    @Test
    void singleValueIsEveryPercentile() {
        Percentiles p = Percentiles.ofSorted(new double[] {7.5});

        assertThat(p.p50()).isEqualTo(7.5);
        assertThat(p.p99()).isEqualTo(7.5);
    }

    @Test
    void emptySampleIsNaN() {
        Percentiles p = Percentiles.ofSorted(new double[0]);

        assertThat(p.count()).isZero();
        assertThat(p.p50()).isNaN();
    }
}
