package io.porygon.thelook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The consistency rules of issue 5 as SQL over a warehouse: each query counts the rows that break
 * its rule, so a healthy warehouse returns 0 for every one. Shared by the generator and advance tests.
 */
final class ConsistencyRules {
    private ConsistencyRules() {}

    static Map<String, String> all(String schema) {
        String u = schema + ".users";
        String p = schema + ".products";
        String dc = schema + ".distribution_centers";
        String o = schema + ".orders";
        String oi = schema + ".order_items";
        String ii = schema + ".inventory_items";
        String e = schema + ".events";
        Map<String, String> rules = new LinkedHashMap<>();
        for (String[] key : new String[][] {{u, "id"}, {p, "id"}, {dc, "id"}, {o, "order_id"}, {oi, "id"}, {ii, "id"}, {e, "id"}}) {
            rules.put("unique non-null key " + key[0] + "." + key[1],
                    "SELECT count(*) - count(DISTINCT " + key[1] + ") + count(*) FILTER (WHERE " + key[1] + " IS NULL) FROM " + key[0]);
        }
        rules.put("orders.user_id resolves", orphans(o, "user_id", u, "id"));
        rules.put("order_items.order_id resolves", orphans(oi, "order_id", o, "order_id"));
        rules.put("order_items.user_id resolves", orphans(oi, "user_id", u, "id"));
        rules.put("order_items.product_id resolves", orphans(oi, "product_id", p, "id"));
        rules.put("order_items.inventory_item_id resolves", orphans(oi, "inventory_item_id", ii, "id"));
        rules.put("inventory_items.product_id resolves", orphans(ii, "product_id", p, "id"));
        rules.put("products.distribution_center_id resolves", orphans(p, "distribution_center_id", dc, "id"));
        rules.put("events.user_id resolves or is anonymous", orphans(e, "user_id", u, "id"));
        rules.put("an inventory item is sold at most once",
                "SELECT count(*) - count(DISTINCT inventory_item_id) FROM " + oi);
        for (String t : new String[] {o, oi}) {
            rules.put(t + " timestamps ordered created <= shipped <= delivered <= returned",
                    "SELECT count(*) FROM " + t + " WHERE shipped_at < created_at OR delivered_at < shipped_at"
                            + " OR returned_at < delivered_at OR (delivered_at IS NOT NULL AND shipped_at IS NULL)"
                            + " OR (returned_at IS NOT NULL AND delivered_at IS NULL)");
            rules.put(t + " status matches timestamps", "SELECT count(*) FROM " + t + " WHERE NOT CASE status"
                    + " WHEN 'Processing' THEN shipped_at IS NULL AND delivered_at IS NULL AND returned_at IS NULL"
                    + " WHEN 'Shipped' THEN shipped_at IS NOT NULL AND delivered_at IS NULL AND returned_at IS NULL"
                    + " WHEN 'Complete' THEN delivered_at IS NOT NULL AND returned_at IS NULL"
                    + " WHEN 'Returned' THEN returned_at IS NOT NULL"
                    + " WHEN 'Cancelled' THEN shipped_at IS NULL AND delivered_at IS NULL AND returned_at IS NULL"
                    + " ELSE false END");
        }
        rules.put("an order's items share its status, user and timestamps", "SELECT count(*) FROM " + oi + " i JOIN " + o
                + " o USING (order_id) WHERE i.status <> o.status OR i.user_id <> o.user_id OR i.created_at <> o.created_at"
                + " OR i.shipped_at IS DISTINCT FROM o.shipped_at OR i.delivered_at IS DISTINCT FROM o.delivered_at"
                + " OR i.returned_at IS DISTINCT FROM o.returned_at");
        rules.put("num_of_item equals the item count", "SELECT count(*) FROM " + o + " o LEFT JOIN (SELECT order_id, count(*) n FROM "
                + oi + " GROUP BY order_id) c USING (order_id) WHERE o.num_of_item IS DISTINCT FROM c.n");
        rules.put("sale_price equals the product's retail_price", "SELECT count(*) FROM " + oi + " i JOIN " + p
                + " p ON p.id = i.product_id WHERE i.sale_price <> p.retail_price");
        rules.put("cost below retail price", "SELECT count(*) FROM " + p + " WHERE NOT (cost > 0 AND cost < retail_price)");
        rules.put("sold inventory has sold_at at the order's creation, unsold has none", "SELECT count(*) FROM " + ii
                + " v LEFT JOIN " + oi + " i ON i.inventory_item_id = v.id WHERE v.sold_at IS DISTINCT FROM i.created_at"
                + " OR v.created_at > coalesce(v.sold_at, v.created_at)");
        rules.put("inventory copies its product's fields", "SELECT count(*) FROM " + ii + " v JOIN " + p + " p ON p.id = v.product_id"
                + " WHERE v.cost <> p.cost OR v.product_category <> p.category OR v.product_name <> p.name"
                + " OR v.product_brand <> p.brand OR v.product_retail_price <> p.retail_price"
                + " OR v.product_department <> p.department OR v.product_sku <> p.sku"
                + " OR v.product_distribution_center_id <> p.distribution_center_id");
        rules.put("orders come after sign-up, in the user's gender", "SELECT count(*) FROM " + o + " o JOIN " + u
                + " u ON u.id = o.user_id WHERE o.created_at < u.created_at OR o.gender <> u.gender");
        rules.put("a user's events come after their sign-up", "SELECT count(*) FROM " + e + " e JOIN " + u
                + " u ON u.id = e.user_id WHERE e.created_at < u.created_at");
        rules.put("users buy in their own department", "SELECT count(*) FROM " + oi + " i JOIN " + o + " o USING (order_id) JOIN "
                + p + " p ON p.id = i.product_id WHERE p.department <> CASE o.gender WHEN 'M' THEN 'Men' ELSE 'Women' END");
        rules.put("closed value sets", "SELECT (SELECT count(*) FROM " + o + " WHERE status NOT IN ('Processing','Shipped','Complete','Cancelled','Returned'))"
                + " + (SELECT count(*) FROM " + e + " WHERE event_type NOT IN ('home','department','product','cart','purchase','cancel'))"
                + " + (SELECT count(*) FROM " + p + " WHERE department NOT IN ('Men','Women'))"
                + " + (SELECT count(*) FROM " + u + " WHERE gender NOT IN ('M','F') OR age NOT BETWEEN 12 AND 70)");
        rules.put("sessions number their events 1..n in time order", "SELECT count(*) FROM (SELECT session_id, sequence_number,"
                + " row_number() OVER (PARTITION BY session_id ORDER BY created_at, sequence_number) rn,"
                + " count(DISTINCT user_id) OVER (PARTITION BY session_id) users FROM " + e + ") WHERE sequence_number <> rn OR users > 1");
        rules.put("sessions follow the funnel and end in purchase or cancel after the cart", "SELECT count(*) FROM (SELECT session_id,"
                + " arg_max(event_type, sequence_number) last_type,"
                + " max(sequence_number) FILTER (WHERE event_type = 'cart') cart_at, max(sequence_number) n,"
                + " min(sequence_number) FILTER (WHERE event_type = 'product') first_product,"
                + " min(sequence_number) FILTER (WHERE event_type = 'department') department_at FROM " + e
                + " GROUP BY session_id) WHERE last_type NOT IN ('purchase','cancel') OR cart_at <> n - 1"
                + " OR NOT (department_at < first_product) OR first_product IS NULL");
        rules.put("every order has its purchase session ending at its creation", "SELECT count(*) FROM " + o + " o WHERE NOT EXISTS"
                + " (SELECT 1 FROM " + e + " e WHERE e.user_id = o.user_id AND e.event_type = 'purchase' AND e.created_at = o.created_at)");
        return rules;
    }

    private static String orphans(String table, String column, String referenced, String key) {
        return "SELECT count(*) FROM " + table + " t WHERE t." + column + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                + referenced + " r WHERE r." + key + " = t." + column + ")";
    }
}
