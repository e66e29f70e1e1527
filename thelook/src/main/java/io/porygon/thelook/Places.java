package io.porygon.thelook;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where The Look's users live: the countries the public dataset uses (with its spellings, such as
 * "Brasil" and the rare "España" and "Deutschland"), weighted like it, a few cities each, and a postal
 * code pattern per country ('#' a digit, 'A' a letter).
 */
final class Places {
    private Places() {}

    record City(String country, String state, String city, double latitude, double longitude, String postalPattern) {}

    private record Country(String name, double weight, String postalPattern, City[] cities) {}

    private static final List<Country> COUNTRIES = new ArrayList<>();
    private static final Weighted<Country> BY_WEIGHT;

    static {
        country("China", 34, "######",
                "Guangdong|Guangzhou|23.13|113.26", "Shanghai|Shanghai|31.23|121.47", "Beijing|Beijing|39.90|116.41",
                "Sichuan|Chengdu|30.57|104.07", "Zhejiang|Hangzhou|30.27|120.16", "Hubei|Wuhan|30.59|114.31");
        country("United States", 22.5, "#####",
                "California|Los Angeles|34.05|-118.24", "New York|New York|40.71|-74.01", "Texas|Houston|29.76|-95.37",
                "Illinois|Chicago|41.88|-87.63", "Florida|Miami|25.76|-80.19", "Washington|Seattle|47.61|-122.33",
                "Georgia|Atlanta|33.75|-84.39", "Colorado|Denver|39.74|-104.99", "Massachusetts|Boston|42.36|-71.06",
                "Tennessee|Memphis|35.15|-90.05");
        country("Brasil", 14.5, "#####-###",
                "São Paulo|São Paulo|-23.55|-46.63", "Rio de Janeiro|Rio de Janeiro|-22.91|-43.17",
                "Minas Gerais|Belo Horizonte|-19.92|-43.94", "Bahia|Salvador|-12.97|-38.50", "Paraná|Curitiba|-25.43|-49.27");
        country("South Korea", 5.3, "#####",
                "Seoul|Seoul|37.57|126.98", "Busan|Busan|35.18|129.08", "Incheon|Incheon|37.46|126.71");
        country("France", 4.7, "#####",
                "Île-de-France|Paris|48.86|2.35", "Auvergne-Rhône-Alpes|Lyon|45.76|4.84",
                "Provence-Alpes-Côte d'Azur|Marseille|43.30|5.37", "Occitanie|Toulouse|43.60|1.44");
        country("United Kingdom", 4.6, "AA# #AA",
                "England|London|51.51|-0.13", "England|Manchester|53.48|-2.24", "Scotland|Edinburgh|55.95|-3.19",
                "England|Birmingham|52.49|-1.89");
        country("Germany", 4.2, "#####",
                "Berlin|Berlin|52.52|13.40", "Bayern|München|48.14|11.58", "Hamburg|Hamburg|53.55|9.99",
                "Nordrhein-Westfalen|Köln|50.94|6.96");
        country("Spain", 4.0, "#####",
                "Madrid|Madrid|40.42|-3.70", "Cataluña|Barcelona|41.39|2.17", "Comunidad Valenciana|Valencia|39.47|-0.38",
                "Andalucía|Sevilla|37.39|-5.98");
        country("Japan", 2.4, "###-####",
                "Tokyo|Tokyo|35.68|139.69", "Osaka|Osaka|34.69|135.50", "Aichi|Nagoya|35.18|136.91");
        country("Australia", 2.2, "####",
                "New South Wales|Sydney|-33.87|151.21", "Victoria|Melbourne|-37.81|144.96", "Queensland|Brisbane|-27.47|153.03");
        country("Belgium", 1.2, "####",
                "Brussels|Brussels|50.85|4.35", "Antwerpen|Antwerpen|51.22|4.40", "Liège|Liège|50.63|5.57");
        country("Poland", 0.2, "##-###", "Mazowieckie|Warszawa|52.23|21.01", "Małopolskie|Kraków|50.06|19.94");
        country("Colombia", 0.05, "######", "Bogotá|Bogotá|4.71|-74.07", "Antioquia|Medellín|6.24|-75.58");
        country("Austria", 0.03, "####", "Wien|Wien|48.21|16.37");
        country("España", 0.01, "#####", "Madrid|Madrid|40.42|-3.70");
        country("Deutschland", 0.01, "#####", "Berlin|Berlin|52.52|13.40");
        double[] weights = COUNTRIES.stream().mapToDouble(Country::weight).toArray();
        BY_WEIGHT = new Weighted<>(COUNTRIES, weights);
    }

    private static void country(String name, double weight, String postalPattern, String... cities) {
        City[] list = new City[cities.length];
        for (int i = 0; i < cities.length; i++) {
            String[] p = cities[i].split("\\|");
            list[i] = new City(name, p[0], p[1], Double.parseDouble(p[2]), Double.parseDouble(p[3]), postalPattern);
        }
        COUNTRIES.add(new Country(name, weight, postalPattern, list));
    }

    static City pick(SplittableRandom rng) {
        City[] cities = BY_WEIGHT.pick(rng).cities();
        return cities[rng.nextInt(cities.length)];
    }

    static String postalCode(City city, SplittableRandom rng) {
        String pattern = city.postalPattern();
        char[] out = new char[pattern.length()];
        for (int i = 0; i < out.length; i++) {
            char c = pattern.charAt(i);
            out[i] = c == '#' ? (char) ('0' + rng.nextInt(10)) : c == 'A' ? (char) ('A' + rng.nextInt(26)) : c;
        }
        return new String(out);
    }
}
