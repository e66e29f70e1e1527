package io.porygon.thelook;

import io.porygon.core.engine.Engine;
import io.porygon.thelook.Vocabulary.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The product catalogue: small (29k products at most) and read by every block, so it is the one
 * table held in memory. Products are split by department because users buy in their own.
 */
final class Catalog {
    /** The public product count; the catalogue does not grow beyond it with the scale. */
    static final int FULL_SIZE = 29_120;

    private final List<Product> products;
    private final Product[] men;
    private final Product[] women;

    Catalog(List<Product> products) {
        if (products.isEmpty()) throw new IllegalArgumentException("empty catalogue");
        this.products = List.copyOf(products);
        this.men = products.stream().filter(p -> "Men".equals(p.department())).toArray(Product[]::new);
        this.women = products.stream().filter(p -> !"Men".equals(p.department())).toArray(Product[]::new);
    }

    static int sizeFor(double scale) {
        return (int) Math.max(100, Math.min(FULL_SIZE, Math.round(FULL_SIZE * scale)));
    }

    /** The synthetic catalogue: deterministic for a seed and a size. */
    static Catalog generate(long seed, int size) {
        SplittableRandom rng = new SplittableRandom(Seeds.of(seed, Seeds.PRODUCTS, 0));
        List<Category> categories = Vocabulary.CATEGORIES;
        List<Product> list = new ArrayList<>(size);
        for (int id = 1; id <= size; id++) {
            Category category = categories.get(rng.nextInt(categories.size()));
            String brand = Vocabulary.BRANDS[rng.nextInt(Vocabulary.BRANDS.length)];
            String item = category.items()[rng.nextInt(category.items().length)];
            String style = Vocabulary.STYLES[rng.nextInt(Vocabulary.STYLES.length)];
            String owner = category.department().equals("Men") ? "Men's " : "Women's ";
            String name = brand + " " + owner + style + " " + item;
            double logMin = StrictMath.log(category.minPrice());
            double logMax = StrictMath.log(category.maxPrice());
            double retail = Math.floor(StrictMath.exp(logMin + rng.nextDouble() * (logMax - logMin))) + 0.99;
            double cost = Math.round(retail * (0.35 + 0.3 * rng.nextDouble()) * 10_000) / 10_000.0;
            long dc = 1 + rng.nextInt(Vocabulary.DISTRIBUTION_CENTERS.length);
            list.add(new Product(id, cost, category.name(), name, brand, retail, category.department(), hex(rng, 32), dc));
        }
        return new Catalog(list);
    }

    /** The catalogue already in a warehouse, for {@code --advance} (works on loaded real data too). */
    static Catalog read(Engine engine, String schema) {
        List<List<Object>> rows = engine.queryRows("SELECT id, cost, category, name, brand, retail_price, department, sku,"
                + " distribution_center_id FROM " + Sql.table(schema, RawTables.PRODUCTS) + " ORDER BY id");
        List<Product> list = new ArrayList<>(rows.size());
        for (List<Object> r : rows) {
            list.add(new Product(Sql.asLong(r.get(0)), Sql.asDouble(r.get(1)), (String) r.get(2), (String) r.get(3),
                    (String) r.get(4), Sql.asDouble(r.get(5)), (String) r.get(6), (String) r.get(7), Sql.asLong(r.get(8))));
        }
        return new Catalog(list);
    }

    List<Product> all() {
        return products;
    }

    /** A product of the department a user of this gender shops in. */
    Product pickFor(String gender, SplittableRandom rng) {
        Product[] pool = "M".equals(gender) ? men : women;
        if (pool.length == 0) pool = "M".equals(gender) ? women : men;
        return pool[rng.nextInt(pool.length)];
    }

    Product pickAny(SplittableRandom rng) {
        return products.get(rng.nextInt(products.size()));
    }

    static String hex(SplittableRandom rng, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) out[i] = "0123456789ABCDEF".charAt(rng.nextInt(16));
        return new String(out);
    }
}
