package io.porygon.thelook;

import static io.porygon.thelook.ActivitySimulator.DAY;
import static io.porygon.thelook.ActivitySimulator.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActivitySimulatorTest {
    private static final int EVENT_CREATED_AT = 4;

    /** An advance lets a new user order or leave a cart moments after signing up: the session must not start before. */
    @Test
    void aSessionEndingRightAfterTheSignUpHasNoEventBeforeIt() {
        Catalog catalog = Catalog.generate(1, 100);
        long signUp = 1_000 * DAY;
        for (long seed = 0; seed < 20; seed++) {
            BlockRows out = new BlockRows(1, Long.MAX_VALUE);
            ActivitySimulator shop = new ActivitySimulator(catalog, new SplittableRandom(seed), out, signUp + DAY, 0);
            Customer c = shop.newUser(signUp);
            shop.order(c, signUp + SECOND);
            shop.abandonedSessionEndingAt(c, signUp + 2 * SECOND);

            RowBufferTest.Recorder events = new RowBufferTest.Recorder();
            out.table(4).writeTo(events, new long[IdSequence.values().length]);
            List<Long> times = events.rows.stream().map(r -> Long.parseLong(r.split(",")[EVENT_CREATED_AT].substring(1))).toList();
            assertThat(times).as("seed " + seed).allSatisfy(t -> assertThat(t).isBetween(signUp, signUp + 2 * SECOND));
            // the purchase still ends at the order's creation
            assertThat(events.rows).anySatisfy(r -> assertThat(r).contains(",T" + (signUp + SECOND) + ",").endsWith(",Spurchase"));
        }
    }
}
