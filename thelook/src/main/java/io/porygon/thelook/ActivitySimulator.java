package io.porygon.thelook;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Simulates the shop for one block: users sign up, browse in sessions that follow the funnel
 * (home → department → product → cart → purchase or cancel), and place orders whose items take
 * products of their department and sold inventory. Each order's fate (cancelled, shipped,
 * delivered, returned) is drawn up front; its status and timestamps show what has happened by
 * {@code now}, so created ≤ shipped ≤ delivered ≤ returned ≤ now always holds.
 */
final class ActivitySimulator {
    static final long SECOND = 1_000_000L;
    static final long HOUR = 3600 * SECOND;
    static final long DAY = 24 * HOUR;

    static final long YEAR = 365 * DAY;
    // calibrated to the public ratios: ~1.25 orders and ~24 events per user
    private static final double FIRST_ORDER_SOON = 0.45;
    private static final double ORDERS_PER_YEAR = 0.37;
    static final double CARTS_ABANDONED_PER_YEAR = 0.45;
    /** Anonymous visitors' sessions per user, 0 to 5: 2.5 on average, as the public events have about. */
    private static final int MOST_ANONYMOUS_SESSIONS = 5;
    static final double ANONYMOUS_SESSIONS_PER_USER = MOST_ANONYMOUS_SESSIONS / 2.0;
    private static final Weighted<Integer> ITEMS_PER_ORDER = new Weighted<>(List.of(1, 2, 3, 4), new double[] {65, 25, 7, 3});
    private static final Weighted<Integer> UNSOLD_PER_SOLD = new Weighted<>(List.of(1, 2, 3), new double[] {40, 50, 10});
    private static final double CANCELLED = 0.15;
    /** The share of delivered orders returned (The Look's own data returns about one in eight). */
    static final double RETURNED = 0.12;

    private final Catalog catalog;
    private final SplittableRandom rng;
    private final BlockRows out;
    private final long now;
    private final long opening;
    private final Product[] viewed = new Product[8];
    private final long[] times = new long[16];
    private long[] orderTimes = new long[16];

    /** {@code opening}: when the shop opened (the calendar's start); no stock is older. */
    ActivitySimulator(Catalog catalog, SplittableRandom rng, BlockRows out, long now, long opening) {
        this.catalog = catalog;
        this.rng = rng;
        this.out = out;
        this.now = now;
        this.opening = opening;
    }

    /**
     * A full life in the shop: a user who signed up at {@code createdAt}, often ordering in their first
     * two weeks, then ordering and abandoning carts as Poisson processes at a personal rate until
     * now (so order volume follows the number of users, without a pile-up of recent sign-ups);
     * plus this block's share of anonymous visitors' sessions over {@code [calendarStart, now)}.
     */
    void simulateUserLife(long createdAt, long calendarStart) {
        Customer c = newUser(createdAt);
        long last = now - HOUR;
        double appetite = 0.2 + 1.6 * rng.nextDouble();
        int orders = 0;
        if (rng.nextDouble() < FIRST_ORDER_SOON) orderTimes[orders++] = createdAt + between(HOUR, 14 * DAY);
        for (long t = createdAt + exponential(YEAR / (ORDERS_PER_YEAR * appetite)); t < last;
                t += exponential(YEAR / (ORDERS_PER_YEAR * appetite))) {
            if (orders == orderTimes.length) orderTimes = Arrays.copyOf(orderTimes, orders * 2);
            orderTimes[orders++] = t;
        }
        Arrays.sort(orderTimes, 0, orders);
        for (int i = 0; i < orders; i++) {
            if (orderTimes[i] < last) order(c, orderTimes[i]);
        }
        for (long t = createdAt + exponential(YEAR / CARTS_ABANDONED_PER_YEAR); t < last - HOUR;
                t += exponential(YEAR / CARTS_ABANDONED_PER_YEAR)) {
            abandonedSession(c, t);
        }
        int anonymous = rng.nextInt(MOST_ANONYMOUS_SESSIONS + 1);
        long span = now - calendarStart - 2 * HOUR;
        for (int i = 0; i < anonymous; i++) abandonedSession(null, calendarStart + (long) (growth(rng.nextDouble()) * span));
    }

    // StrictMath, not Math: Math's log/pow/exp may differ in the last bit between CPUs and JVMs, and
    // the output must be byte-identical on any machine.

    /** Where in the calendar (0 = its start, 1 = now) a uniform draw lands: activity grows mildly over time. */
    static double growth(double u) {
        return StrictMath.pow(u, 0.8);
    }

    private long exponential(double mean) {
        return (long) (-StrictMath.log(1 - rng.nextDouble()) * mean);
    }

    Customer newUser(long createdAt) {
        long id = out.next(IdSequence.USER);
        boolean male = rng.nextBoolean();
        String gender = male ? "M" : "F";
        String first = pick(male ? Vocabulary.MALE_FIRST_NAMES : Vocabulary.FEMALE_FIRST_NAMES);
        String last = pick(Vocabulary.LAST_NAMES);
        String email = (first + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + pick(Vocabulary.EMAIL_DOMAINS);
        Places.City place = Places.pick(rng);
        String postal = Places.postalCode(place, rng);
        String street = (1 + rng.nextInt(9999)) + " " + pick(Vocabulary.STREETS) + " " + pick(Vocabulary.STREET_SUFFIXES);
        out.users.ref(IdSequence.USER, id).add(first).add(last).add(email).add((long) (12 + rng.nextInt(59))).add(gender)
                .add(place.state()).add(street).add(postal).add(place.city()).add(place.country())
                .add(jitter(place.latitude())).add(jitter(place.longitude()))
                .add(Vocabulary.USER_TRAFFIC.pick(rng)).time(createdAt);
        out.users.endRow();
        return new Customer(id, true, gender, place.city(), place.state(), postal, createdAt);
    }

    /** An order placed at {@code createdAt}, with its items, their inventory and the purchase session. */
    void order(Customer c, long createdAt) {
        long orderId = out.next(IdSequence.ORDER);
        int items = ITEMS_PER_ORDER.pick(rng);
        boolean cancelled = rng.nextDouble() < CANCELLED;
        long shipped = createdAt + between(2 * HOUR, 72 * HOUR);
        long delivered = shipped + between(DAY, 5 * DAY);
        long returned = rng.nextDouble() < RETURNED ? delivered + between(DAY, 10 * DAY) : RowBuffer.NO_TIME;
        String status;
        if (cancelled) {
            status = "Cancelled";
            shipped = delivered = returned = RowBuffer.NO_TIME;
        } else {
            if (!happened(returned)) returned = RowBuffer.NO_TIME;
            if (!happened(delivered)) delivered = RowBuffer.NO_TIME;
            if (!happened(shipped)) shipped = RowBuffer.NO_TIME;
            status = returned != RowBuffer.NO_TIME ? "Returned"
                    : delivered != RowBuffer.NO_TIME ? "Complete"
                    : shipped != RowBuffer.NO_TIME ? "Shipped" : "Processing";
        }
        userId(out.orders.ref(IdSequence.ORDER, orderId), c).add(status).add(c.gender()).time(createdAt)
                .time(returned).time(shipped).time(delivered).add((long) items);
        out.orders.endRow();

        for (int i = 0; i < items; i++) {
            Product p = catalog.pickFor(c.gender(), rng);
            viewed[i] = p;
            long inventoryId = inventoryItem(p, stocked(createdAt, DAY, 365 * DAY), createdAt);
            for (int u = UNSOLD_PER_SOLD.pick(rng); u > 0; u--) {
                inventoryItem(catalog.pickAny(rng), stocked(createdAt, HOUR, 400 * DAY), RowBuffer.NO_TIME);
            }
            RowBuffer row = out.orderItems.ref(IdSequence.ORDER_ITEM, out.next(IdSequence.ORDER_ITEM))
                    .ref(IdSequence.ORDER, orderId);
            userId(row, c).add(p.id()).ref(IdSequence.INVENTORY_ITEM, inventoryId).add(status)
                    .time(createdAt).time(shipped).time(delivered).time(returned).add(p.retailPrice());
            out.orderItems.endRow();
        }
        int views = items;
        if (rng.nextInt(3) == 0) viewed[views++] = catalog.pickFor(c.gender(), rng);
        session(c, createdAt, true, views, "purchase");
    }

    /** A session that browses, fills a cart and cancels; anonymous when {@code c} is null. */
    void abandonedSession(Customer c, long start) {
        abandonedSession(c, start, false);
    }

    /** Such a session whose last event (the cancel) is at {@code end}. */
    void abandonedSessionEndingAt(Customer c, long end) {
        abandonedSession(c, end, true);
    }

    private void abandonedSession(Customer c, long anchor, boolean endsAtAnchor) {
        int views = 1 + rng.nextInt(3);
        for (int i = 0; i < views; i++) viewed[i] = c == null ? catalog.pickAny(rng) : catalog.pickFor(c.gender(), rng);
        session(c, anchor, endsAtAnchor, views, "cancel");
    }

    private long inventoryItem(Product p, long createdAt, long soldAt) {
        long id = out.next(IdSequence.INVENTORY_ITEM);
        out.inventoryItems.ref(IdSequence.INVENTORY_ITEM, id).add(p.id()).time(createdAt).time(soldAt).add(p.cost())
                .add(p.category()).add(p.name()).add(p.brand()).add(p.retailPrice()).add(p.department()).add(p.sku())
                .add(p.distributionCenterId());
        out.inventoryItems.endRow();
        return id;
    }

    /**
     * One funnel session: [home] → department → product × views → cart → last. It ends at
     * {@code anchor} when {@code endsAtAnchor} (a purchase is the order's creation), else starts there.
     */
    private void session(Customer c, long anchor, boolean endsAtAnchor, int views, String last) {
        boolean home = rng.nextInt(10) < 3;
        int n = (home ? 1 : 0) + 1 + views + 2;
        long total = 0;
        times[0] = 0;
        for (int i = 1; i < n; i++) {
            times[i] = between(5 * SECOND, 240 * SECOND);
            total += times[i];
        }
        long t = endsAtAnchor ? anchor - total : anchor;
        if (endsAtAnchor && c != null && t < c.createdAt()) {
            // a session ending soon after its user signed up (an advance's new user may order at once) is squeezed in
            // after the sign-up: no event of a user comes before the user exists
            long room = Math.max(0, anchor - c.createdAt());
            long squeezed = 0;
            for (int i = 1; i < n; i++) {
                times[i] = times[i] * room / total;
                squeezed += times[i];
            }
            t = anchor - squeezed;
        }
        String sessionId = uuid();
        String ip = (1 + rng.nextInt(223)) + "." + rng.nextInt(256) + "." + rng.nextInt(256) + "." + rng.nextInt(256);
        String browser = Vocabulary.BROWSERS.pick(rng);
        String traffic = Vocabulary.EVENT_TRAFFIC.pick(rng);
        String city;
        String state;
        String postal;
        if (c != null) {
            city = c.city();
            state = c.state();
            postal = c.postalCode();
        } else {
            Places.City place = Places.pick(rng);
            city = place.city();
            state = place.state();
            postal = Places.postalCode(place, rng);
        }
        Product first = viewed[0];
        int seq = 0;
        for (int i = 0; i < n; i++) {
            t += times[i];
            String type;
            String uri;
            if (home && i == 0) {
                type = "home";
                uri = "/";
            } else if (i == (home ? 1 : 0)) {
                type = "department";
                uri = "/department/" + slug(first.department()) + "/category/" + slug(first.category())
                        + "/brand/" + slug(first.brand());
            } else if (i == n - 2) {
                type = "cart";
                uri = "/cart";
            } else if (i == n - 1) {
                type = last;
                uri = "/" + last;
            } else {
                type = "product";
                uri = "/product/" + viewed[i - (home ? 2 : 1)].id();
            }
            RowBuffer row = out.eventsAt(t).ref(IdSequence.EVENT, out.next(IdSequence.EVENT));
            if (c == null) row.addNull();
            else userId(row, c);
            row.add((long) ++seq).add(sessionId).time(t).add(ip).add(city).add(state).add(postal).add(browser)
                    .add(traffic).add(uri).add(type);
            row.endRow();
        }
    }

    /**
     * When a unit on hand at {@code at} was stocked: between {@code minAge} and {@code maxAge} before, but not before
     * the opening, so an order in the calendar's first year does not bring stock from before it (nor, at the earliest
     * --as-of, from before the year 1, which BigQuery's timestamps do not hold).
     */
    private long stocked(long at, long minAge, long maxAge) {
        long room = Math.max(0, at - opening);
        return at - between(Math.min(minAge, room), Math.min(maxAge, room));
    }

    private boolean happened(long t) {
        return t != RowBuffer.NO_TIME && t <= now;
    }

    private static RowBuffer userId(RowBuffer row, Customer c) {
        return c.local() ? row.ref(IdSequence.USER, c.id()) : row.add(c.id());
    }

    private long between(long min, long max) {
        return min + (long) (rng.nextDouble() * (max - min));
    }

    private double jitter(double degrees) {
        return Math.round((degrees + (rng.nextDouble() - 0.5) * 0.4) * 1_000_000) / 1_000_000.0;
    }

    private String pick(String[] values) {
        return values[rng.nextInt(values.length)];
    }

    private String uuid() {
        long msb = (rng.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replace(" & ", "-").replace("'", "").replace(' ', '-');
    }
}
