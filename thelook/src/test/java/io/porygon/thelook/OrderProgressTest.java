package io.porygon.thelook;

import static io.porygon.thelook.ActivitySimulator.DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OrderProgressTest {
    private static final int ORDERS = 200_000;
    private static final long START = 1_700_000_000_000_000L;
    private static final long MINUTE = 60_000_000L;
    // a share's standard error is at most sqrt(0.25 / 200k) = 0.0011, so a difference of two runs' is at most
    // 0.0016: 0.006 is nearly four of those, and well under the gaps time-splitting used to make (2 to 18 points)
    private static final double TOLERANCE = 0.006;

    @Test
    void aWeekDoesWhatSevenDaysDo() {
        Map<String, Double> week = shares(simulate(1, 7 * DAY, 1));
        Map<String, Double> days = shares(simulate(2, DAY, 7));
        assertAgree(week, days);
        // and what the daily chances say: a Processing order stays so for 7 days with chance 0.4^7
        assertThat(week.getOrDefault("Processing", 0.0)).isCloseTo(Math.pow(0.4, 7), offset(TOLERANCE));
    }

    @Test
    void aDayDoesWhat48HalfHoursDo() {
        Map<String, Double> day = shares(simulate(3, DAY, 1));
        Map<String, Double> halfHours = shares(simulate(4, 30 * MINUTE, 48));
        assertAgree(day, halfHours);
        assertThat(day.get("Processing")).isCloseTo(0.4, offset(TOLERANCE));
        assertThat(day.get("Cancelled")).isCloseTo(0.6 * 0.05, offset(TOLERANCE));
    }

    @Test
    void returnsComeWithin30DaysOfDelivery() {
        // delivered at the period's start, and 20 days before it: 60 days later only the window's returns happened
        for (long deliveredBefore : new long[] {0, 20 * DAY}) {
            SplittableRandom rng = new SplittableRandom(5);
            int returned = 0;
            long latest = Long.MIN_VALUE;
            for (int i = 0; i < ORDERS; i++) {
                long delivered = START - deliveredBefore;
                OrderProgress.Order o = new OrderProgress.Order("Complete", delivered - 3 * DAY, delivered - 2 * DAY, delivered);
                o.moveOn(rng, START, START + 60 * DAY);
                if (o.status.equals("Returned")) {
                    returned++;
                    latest = Math.max(latest, o.returned - delivered);
                    assertThat(o.returned).isGreaterThan(START);
                }
            }
            assertThat(latest).as("latest return after delivery").isLessThanOrEqualTo(OrderProgress.RETURN_WINDOW);
            double days = 30 - deliveredBefore / (double) DAY;
            assertThat(returned / (double) ORDERS).as("returned within %s days", days)
                    .isCloseTo(1 - Math.pow(1 - OrderProgress.RETURNED, days), offset(TOLERANCE));
            // a whole window returns what a generate does: advancing day by day does not inflate returns
            if (deliveredBefore == 0) assertThat(returned / (double) ORDERS).isCloseTo(ActivitySimulator.RETURNED, offset(TOLERANCE));
        }
    }

    /** Processing orders created at START, moved on through {@code periods} consecutive periods, each with its own generator. */
    private static List<OrderProgress.Order> simulate(long seed, long period, int periods) {
        List<OrderProgress.Order> orders = new ArrayList<>(ORDERS);
        for (int i = 0; i < ORDERS; i++) {
            orders.add(new OrderProgress.Order("Processing", START, RowBuffer.NO_TIME, RowBuffer.NO_TIME));
        }
        for (int p = 0; p < periods; p++) {
            long from = START + p * period;
            // as DayAdvance seeds it: one generator per period, the orders in turn
            SplittableRandom rng = new SplittableRandom(Seeds.of(seed, Seeds.ADVANCE, from));
            for (OrderProgress.Order o : orders) o.moveOn(rng, from, from + period);
        }
        return orders;
    }

    private static Map<String, Double> shares(List<OrderProgress.Order> orders) {
        Map<String, Double> shares = new TreeMap<>();
        for (OrderProgress.Order o : orders) shares.merge(o.status, 1.0 / orders.size(), Double::sum);
        return shares;
    }

    private static void assertAgree(Map<String, Double> a, Map<String, Double> b) {
        for (String status : List.of("Processing", "Shipped", "Complete", "Returned", "Cancelled")) {
            assertThat(a.getOrDefault(status, 0.0)).as("%s share: %s vs %s", status, a, b)
                    .isCloseTo(b.getOrDefault(status, 0.0), offset(TOLERANCE));
        }
    }
}
