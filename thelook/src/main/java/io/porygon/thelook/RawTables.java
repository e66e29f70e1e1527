package io.porygon.thelook;

import io.porygon.thelook.RawTable.BigQueryType;
import io.porygon.thelook.RawTable.RawColumn;
import java.util.ArrayList;
import java.util.List;

/** The seven raw tables of The Look with exactly the public column names and types. */
public final class RawTables {
    public static final String DEFAULT_SCHEMA = "thelook_ecommerce";

    public static final RawTable DISTRIBUTION_CENTERS = table("distribution_centers",
            "id INT64", "name STRING", "latitude FLOAT64", "longitude FLOAT64");
    public static final RawTable PRODUCTS = table("products",
            "id INT64", "cost FLOAT64", "category STRING", "name STRING", "brand STRING", "retail_price FLOAT64",
            "department STRING", "sku STRING", "distribution_center_id INT64");
    public static final RawTable USERS = table("users",
            "id INT64", "first_name STRING", "last_name STRING", "email STRING", "age INT64", "gender STRING",
            "state STRING", "street_address STRING", "postal_code STRING", "city STRING", "country STRING",
            "latitude FLOAT64", "longitude FLOAT64", "traffic_source STRING", "created_at TIMESTAMP");
    public static final RawTable ORDERS = table("orders",
            "order_id INT64", "user_id INT64", "status STRING", "gender STRING", "created_at TIMESTAMP",
            "returned_at TIMESTAMP", "shipped_at TIMESTAMP", "delivered_at TIMESTAMP", "num_of_item INT64");
    public static final RawTable ORDER_ITEMS = table("order_items",
            "id INT64", "order_id INT64", "user_id INT64", "product_id INT64", "inventory_item_id INT64",
            "status STRING", "created_at TIMESTAMP", "shipped_at TIMESTAMP", "delivered_at TIMESTAMP",
            "returned_at TIMESTAMP", "sale_price FLOAT64");
    public static final RawTable INVENTORY_ITEMS = table("inventory_items",
            "id INT64", "product_id INT64", "created_at TIMESTAMP", "sold_at TIMESTAMP", "cost FLOAT64",
            "product_category STRING", "product_name STRING", "product_brand STRING", "product_retail_price FLOAT64",
            "product_department STRING", "product_sku STRING", "product_distribution_center_id INT64");
    public static final RawTable EVENTS = table("events",
            "id INT64", "user_id INT64", "sequence_number INT64", "session_id STRING", "created_at TIMESTAMP",
            "ip_address STRING", "city STRING", "state STRING", "postal_code STRING", "browser STRING",
            "traffic_source STRING", "uri STRING", "event_type STRING");

    /** In the order the generator writes them (referenced tables first). */
    public static final List<RawTable> ALL = List.of(
            DISTRIBUTION_CENTERS, PRODUCTS, USERS, ORDERS, ORDER_ITEMS, INVENTORY_ITEMS, EVENTS);

    private RawTables() {}

    private static RawTable table(String name, String... columns) {
        List<RawColumn> list = new ArrayList<>();
        for (String c : columns) {
            String[] parts = c.split(" ");
            list.add(new RawColumn(parts[0], BigQueryType.valueOf(parts[1])));
        }
        return new RawTable(name, List.copyOf(list));
    }
}
