declare({ schema: "thelook", name: "products" });
