package io.porygon.thelook;

/** A row of {@code products}, kept in memory because order items and inventory copy its fields. */
record Product(long id, double cost, String category, String name, String brand, double retailPrice,
        String department, String sku, long distributionCenterId) {}
