package io.porygon.thelook;

import java.util.List;

/** Word lists The Look's content is drawn from: names, categories, brands, sources, browsers. */
final class Vocabulary {
    private Vocabulary() {}

    static final String[] MALE_FIRST_NAMES = {
        "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles",
        "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Paul", "Andrew", "Joshua",
        "Kenneth", "Kevin", "Brian", "George", "Timothy", "Ronald", "Edward", "Jason", "Jeffrey", "Ryan",
        "Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Brandon",
        "Wei", "Hiroshi", "Min-jun", "Lucas", "Mateo", "Pierre", "Hans", "Javier", "Piotr", "Liam"};
    static final String[] FEMALE_FIRST_NAMES = {
        "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen",
        "Lisa", "Nancy", "Betty", "Margaret", "Sandra", "Ashley", "Kimberly", "Emily", "Donna", "Michelle",
        "Carol", "Amanda", "Dorothy", "Melissa", "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura", "Cynthia",
        "Kathleen", "Amy", "Angela", "Shirley", "Anna", "Brenda", "Pamela", "Emma", "Nicole", "Helen",
        "Mei", "Yuki", "Ji-woo", "Ana", "Camila", "Chloé", "Greta", "Lucía", "Zofia", "Olivia"};
    static final String[] LAST_NAMES = {
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Wang", "Li", "Zhang", "Kim", "Park", "Sato", "Silva", "Dubois", "Müller", "Kowalski", "O'Brien"};
    static final String[] STREETS = {
        "Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lake", "Hill", "Park", "Main", "Sunset", "River",
        "Church", "Mill", "Spring", "Ridge", "Highland", "Forest", "Meadow", "Valley", "Jackson", "Lincoln"};
    static final String[] STREET_SUFFIXES = {"Street", "Avenue", "Road", "Lane", "Drive", "Court", "Boulevard", "Way"};
    static final String[] EMAIL_DOMAINS = {"@example.com", "@example.org", "@example.net"};

    /** users.traffic_source and its weights. */
    static final Weighted<String> USER_TRAFFIC = new Weighted<>(
            List.of("Search", "Organic", "Facebook", "Email", "Display"), new double[] {70, 15, 6, 5, 4});
    /** events.traffic_source and its weights. */
    static final Weighted<String> EVENT_TRAFFIC = new Weighted<>(
            List.of("Email", "Adwords", "Organic", "YouTube", "Facebook"), new double[] {45, 30, 15, 5, 5});
    static final Weighted<String> BROWSERS = new Weighted<>(
            List.of("Chrome", "Firefox", "Safari", "IE", "Other"), new double[] {50, 20, 20, 5, 5});

    /** A category of the catalogue: its department, name, typical items and price range (USD). */
    record Category(String department, String name, String[] items, double minPrice, double maxPrice) {}

    static final List<Category> CATEGORIES = List.of(
            new Category("Women", "Accessories", new String[] {"Scarf", "Beanie", "Sunglasses", "Belt", "Gloves"}, 5, 120),
            new Category("Women", "Active", new String[] {"Sports Bra", "Yoga Pant", "Running Tank", "Track Jacket"}, 12, 110),
            new Category("Women", "Blazers & Jackets", new String[] {"Blazer", "Denim Jacket", "Moto Jacket"}, 30, 250),
            new Category("Women", "Dresses", new String[] {"Maxi Dress", "Wrap Dress", "Shift Dress", "Cocktail Dress"}, 20, 300),
            new Category("Women", "Fashion Hoodies & Sweatshirts", new String[] {"Hoodie", "Crewneck Sweatshirt", "Zip Hoodie"}, 15, 120),
            new Category("Women", "Intimates", new String[] {"Bra", "Bralette", "Hipster Panty", "Camisole"}, 6, 80),
            new Category("Women", "Jeans", new String[] {"Skinny Jean", "Bootcut Jean", "Boyfriend Jean", "High Rise Jean"}, 25, 220),
            new Category("Women", "Jumpsuits & Rompers", new String[] {"Jumpsuit", "Romper"}, 20, 160),
            new Category("Women", "Leggings", new String[] {"Legging", "Capri Legging"}, 8, 90),
            new Category("Women", "Maternity", new String[] {"Maternity Dress", "Maternity Jean", "Nursing Top"}, 15, 120),
            new Category("Women", "Outerwear & Coats", new String[] {"Parka", "Trench Coat", "Puffer Jacket", "Wool Coat"}, 40, 450),
            new Category("Women", "Pants & Capris", new String[] {"Capri", "Wide Leg Pant", "Chino"}, 18, 150),
            new Category("Women", "Plus", new String[] {"Plus Size Tunic", "Plus Size Dress", "Plus Size Jean"}, 15, 140),
            new Category("Women", "Shorts", new String[] {"Denim Short", "Bermuda Short", "Running Short"}, 10, 90),
            new Category("Women", "Skirts", new String[] {"Pencil Skirt", "Maxi Skirt", "Mini Skirt"}, 15, 130),
            new Category("Women", "Sleep & Lounge", new String[] {"Pajama Set", "Robe", "Sleep Shirt"}, 10, 110),
            new Category("Women", "Socks & Hosiery", new String[] {"Tights", "Ankle Socks", "Knee High Socks"}, 4, 40),
            new Category("Women", "Suits", new String[] {"Pant Suit", "Skirt Suit"}, 60, 400),
            new Category("Women", "Sweaters", new String[] {"Cardigan", "Turtleneck Sweater", "Pullover"}, 20, 200),
            new Category("Women", "Swim", new String[] {"Bikini Top", "One Piece Swimsuit", "Cover Up"}, 12, 150),
            new Category("Women", "Tops & Tees", new String[] {"Tank Top", "Blouse", "V-Neck Tee", "Tunic"}, 8, 110),
            new Category("Men", "Accessories", new String[] {"Belt", "Wallet", "Sunglasses", "Baseball Cap", "Tie"}, 5, 150),
            new Category("Men", "Active", new String[] {"Training Short", "Compression Shirt", "Track Pant"}, 12, 120),
            new Category("Men", "Fashion Hoodies & Sweatshirts", new String[] {"Hoodie", "Fleece Pullover", "Zip Hoodie"}, 15, 130),
            new Category("Men", "Jeans", new String[] {"Slim Fit Jean", "Regular Fit Jean", "Relaxed Fit Jean", "Straight Leg Jean"}, 25, 230),
            new Category("Men", "Outerwear & Coats", new String[] {"Parka", "Bomber Jacket", "Rain Jacket", "Peacoat"}, 40, 500),
            new Category("Men", "Pants", new String[] {"Chino", "Cargo Pant", "Dress Pant"}, 20, 160),
            new Category("Men", "Shorts", new String[] {"Cargo Short", "Board Short", "Chino Short"}, 12, 90),
            new Category("Men", "Sleep & Lounge", new String[] {"Pajama Pant", "Lounge Set", "Robe"}, 10, 100),
            new Category("Men", "Socks", new String[] {"Crew Socks", "Dress Socks", "Athletic Socks"}, 4, 35),
            new Category("Men", "Suits & Sport Coats", new String[] {"Suit Jacket", "Sport Coat", "Tuxedo"}, 70, 600),
            new Category("Men", "Sweaters", new String[] {"Crewneck Sweater", "Cardigan", "Quarter Zip Sweater"}, 20, 220),
            new Category("Men", "Swim", new String[] {"Swim Trunk", "Board Short", "Rash Guard"}, 12, 90),
            new Category("Men", "Tops & Tees", new String[] {"Crew Tee", "Polo Shirt", "Henley", "Oxford Shirt"}, 8, 120),
            new Category("Men", "Underwear", new String[] {"Boxer Brief", "Boxer", "Undershirt"}, 6, 60));

    static final String[] BRANDS = {
        "Allegra K", "Calvin Klein", "Carhartt", "Hanes", "Levi's", "Nike", "Columbia", "Tommy Hilfiger",
        "Ray-Ban", "Dockers", "Champion", "Quiksilver", "Volcom", "Diesel", "Lucky Brand", "Jockey", "Speedo",
        "Under Armour", "adidas", "PUMA", "Ralph Lauren", "7 For All Mankind", "True Religion",
        "Fruit of the Loom", "Wrangler", "Alo Yoga", "Spanx", "Maidenform", "Hurley", "Billabong", "O'Neill",
        "Roxy", "Patagonia", "The North Face", "Gap", "Banana Republic", "Vince Camuto", "Kenneth Cole",
        "Guess", "Jones New York", "Haggar", "Izod", "Lacoste", "Nautica", "Joe's Jeans", "Hudson", "Tahari"};
    static final String[] STYLES = {
        "Classic", "Slim", "Relaxed", "Essential", "Premium", "Vintage", "Stretch", "Lightweight", "Cotton",
        "Fleece", "Striped", "Solid", "Printed", "Organic", "Performance", "Heritage", "Soft", "Everyday"};

    /** The Look's ten distribution centers: name, latitude, longitude. */
    static final Object[][] DISTRIBUTION_CENTERS = {
        {"Memphis TN", 35.1174, -89.9711},
        {"Chicago IL", 41.8369, -87.6847},
        {"Houston TX", 29.7604, -95.3698},
        {"Los Angeles CA", 34.05, -118.25},
        {"New Orleans LA", 29.95, -90.0667},
        {"Port Authority of New York/New Jersey NY/NJ", 40.634, -73.7834},
        {"Philadelphia PA", 39.95, -75.1667},
        {"Mobile AL", 30.6944, -88.0431},
        {"Charleston SC", 32.7833, -79.9333},
        {"Savannah GA", 32.0167, -81.1167}};
}
