package dev.dataeng.common.fooddelivery;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Seeded, deterministic generator of the food-delivery platform's data.
 *
 * <p>Every entity is a pure function of (seed, entity kind, id): {@code order(42)} is the same whichever other orders
 * were generated before, so a distributed job can generate ranges of ids in parallel and a test can recompute any
 * expected value independently. Streams are lazy, so a hundred million orders never sit in memory.
 *
 * <p>The data is clean; {@link RawExport} renders it to CSV/JSON files and adds the dirt.
 */
public final class FoodDeliveryGenerator {

    public static final List<City> CITIES = List.of(
            new City(1, "Mumbai", "Maharashtra", 1, 18),
            new City(2, "Delhi", "Delhi", 1, 17),
            new City(3, "Bengaluru", "Karnataka", 1, 16),
            new City(4, "Hyderabad", "Telangana", 1, 10),
            new City(5, "Chennai", "Tamil Nadu", 1, 9),
            new City(6, "Kolkata", "West Bengal", 1, 8),
            new City(7, "Pune", "Maharashtra", 1, 7),
            new City(8, "Ahmedabad", "Gujarat", 2, 5),
            new City(9, "Jaipur", "Rajasthan", 2, 4),
            new City(10, "Lucknow", "Uttar Pradesh", 2, 3),
            new City(11, "Kochi", "Kerala", 2, 2),
            new City(12, "Chandigarh", "Punjab", 2, 1));

    public static final List<String> CUISINES = List.of("North Indian", "South Indian", "Chinese", "Biryani",
            "Pizza", "Burgers", "Desserts", "Cafe", "Street Food", "Healthy");

    private static final String[][] MENU = {
            {"Paneer Butter Masala:240", "Dal Makhani:180", "Butter Naan:45", "Chicken Tikka:280", "Jeera Rice:120"},
            {"Masala Dosa:110", "Idli Sambar:70", "Medu Vada:60", "Filter Coffee:40", "Uttapam:120"},
            {"Veg Hakka Noodles:160", "Chilli Chicken:230", "Manchurian:170", "Fried Rice:150", "Spring Roll:120"},
            {"Chicken Biryani:260", "Mutton Biryani:340", "Veg Biryani:190", "Raita:40", "Salan:50"},
            {"Margherita:250", "Farmhouse:380", "Pepperoni:420", "Garlic Bread:130", "Cold Drink:60"},
            {"Veg Burger:120", "Chicken Burger:180", "Fries:90", "Shake:140", "Nuggets:150"},
            {"Gulab Jamun:80", "Rasmalai:110", "Brownie:120", "Kulfi:70", "Ice Cream Sundae:160"},
            {"Cappuccino:150", "Club Sandwich:210", "Pasta Alfredo:290", "Cold Coffee:170", "Croissant:120"},
            {"Pani Puri:50", "Pav Bhaji:120", "Vada Pav:35", "Samosa:30", "Chole Bhature:140"},
            {"Quinoa Bowl:320", "Greek Salad:260", "Smoothie:180", "Grilled Chicken:340", "Fruit Bowl:150"}};

    private static final String[] FIRST = {"Aarav", "Vivaan", "Aditya", "Ishaan", "Rohan", "Kabir", "Arjun", "Sai",
            "Ananya", "Diya", "Aadhya", "Saanvi", "Meera", "Kavya", "Priya", "Nisha", "Rahul", "Zoya", "Farhan",
            "Harpreet", "Lakshmi", "Joseph", "Tenzin", "Fatima"};
    private static final String[] LAST = {"Sharma", "Verma", "Iyer", "Reddy", "Nair", "Menon", "Gupta", "Khan",
            "Singh", "Patel", "Das", "Banerjee", "Mehta", "Joshi", "Kulkarni", "D'Souza", "Fernandes", "Rao",
            "Chatterjee", "Bhat"};
    private static final String[] PLACE_WORDS = {"Spice", "Royal", "Tandoor", "Curry", "Masala", "Urban", "Golden",
            "Coastal", "Punjabi", "Bombay", "Madras", "Little", "Green", "Saffron", "Garden", "Street"};
    private static final String[] PLACE_NOUNS = {"Kitchen", "House", "Junction", "Dhaba", "Cafe", "Bistro",
            "Corner", "Express", "Palace", "Table", "Bowl", "Co."};
    private static final String[] INSTRUCTIONS = {"Ring the bell twice", "No onions, please",
            "Leave at the door", "Extra spicy", "Call on arrival, \"gate 2\"", "Less oil\nNo garlic",
            "Cutlery not needed", "Deliver to reception, 3rd floor"};

    private final GeneratorConfig config;
    private final long[][] restaurantsByCity;
    private final int totalCityWeight;

    public FoodDeliveryGenerator(GeneratorConfig config) {
        this.config = config;
        this.totalCityWeight = CITIES.stream().mapToInt(City::weight).sum();
        List<List<Long>> byCity = new ArrayList<>();
        CITIES.forEach(c -> byCity.add(new ArrayList<>()));
        for (long id = 1; id <= config.restaurantCount(); id++) {
            byCity.get(restaurantCity(id) - 1).add(id);
        }
        this.restaurantsByCity = byCity.stream()
                .map(ids -> ids.stream().mapToLong(Long::longValue).toArray())
                .toArray(long[][]::new);
    }

    public GeneratorConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- cities and restaurants

    public List<City> cities() {
        return CITIES;
    }

    public Stream<Restaurant> restaurants() {
        return LongStream.rangeClosed(1, config.restaurantCount()).mapToObj(this::restaurant);
    }

    public Restaurant restaurant(long id) {
        checkId("restaurant", id, config.restaurantCount());
        SplittableRandom r = random("restaurant", id);
        int cuisine = r.nextInt(CUISINES.size());
        String name = pick(r, PLACE_WORDS) + " " + pick(r, PLACE_NOUNS);
        if (r.nextInt(10) == 0) {
            name = name + ", " + CITIES.get(restaurantCity(id) - 1).name();
        }
        BigDecimal rating = BigDecimal.valueOf(25 + r.nextInt(25), 1); // 2.5 .. 4.9
        int costForTwo = 200 + 50 * r.nextInt(15);
        boolean vegOnly = cuisine == 1 || cuisine == 6 || r.nextInt(6) == 0;
        LocalDate openedOn = config.startDate().minusDays(30 + r.nextInt(3000));
        Instant updatedAt = openedOn.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(r.nextInt(86_400));
        return new Restaurant(id, name, restaurantCity(id), CUISINES.get(cuisine), rating, costForTwo, vegOnly,
                openedOn, updatedAt);
    }

    private int restaurantCity(long id) {
        if (id <= CITIES.size()) {
            return (int) id; // every city has at least one restaurant
        }
        return weightedCity(random("restaurant-city", id));
    }

    // ---------------------------------------------------------------- customers (with city moves)

    /** The first version of every customer. */
    public Stream<Customer> customers() {
        return LongStream.rangeClosed(1, config.customerCount()).mapToObj(id -> customerVersions(id).get(0));
    }

    /** Every version of every customer, ordered by id then time: the full history an SCD2 dimension keeps. */
    public Stream<Customer> customerHistory() {
        return LongStream.rangeClosed(1, config.customerCount()).boxed().flatMap(id -> customerVersions(id).stream());
    }

    /**
     * What a customer export taken at the end of {@code day} holds: each customer's latest version updated on or
     * before that day. Two snapshots on different days differ exactly by the moves in between.
     */
    public Stream<Customer> customersSnapshot(LocalDate day) {
        Instant endOfDay = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return LongStream.rangeClosed(1, config.customerCount()).mapToObj(id -> customerAsOf(id, endOfDay))
                .flatMap(Optional::stream);
    }

    /** The version valid at {@code at} (updated at or before it), or empty if the customer did not exist yet. */
    public Optional<Customer> customerAsOf(long id, Instant at) {
        Customer valid = null;
        for (Customer version : customerVersions(id)) {
            if (!version.updatedAt().isAfter(at)) {
                valid = version;
            }
        }
        return Optional.ofNullable(valid);
    }

    /** One version, or two if the customer moves city during the period. */
    public List<Customer> customerVersions(long id) {
        checkId("customer", id, config.customerCount());
        SplittableRandom r = random("customer", id);
        String first = pick(r, FIRST);
        String last = pick(r, LAST);
        String name = first + " " + last;
        String email = (first + "." + last).toLowerCase().replace("'", "") + id + "@example.in";
        String phone = "+91" + (7_000_000_000L + r.nextLong(2_999_999_999L));
        int city = weightedCity(r);
        LocalDate signup = config.startDate().minusDays(1 + r.nextInt(1000));
        Instant created = signup.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(r.nextInt(86_400));
        Customer original = new Customer(id, name, email, phone, city, signup, created);
        SplittableRandom move = random("customer-move", id);
        if (move.nextDouble() >= config.moveRate()) {
            return List.of(original);
        }
        int newCity = 1 + (city - 1 + 1 + move.nextInt(CITIES.size() - 1)) % CITIES.size();
        Instant movedAt = periodStart().plusSeconds(move.nextLong(periodSeconds()));
        return List.of(original, new Customer(id, name, email, phone, newCity, signup, movedAt));
    }

    // ---------------------------------------------------------------- orders, items, deliveries

    public Stream<OrderBundle> orders() {
        return orders(1, config.orderCount() + 1);
    }

    /** Orders with {@code fromId <= id < toId}: a range, for generating partitions in parallel. */
    public Stream<OrderBundle> orders(long fromId, long toId) {
        return LongStream.range(Math.max(1, fromId), Math.min(toId, config.orderCount() + 1)).mapToObj(this::order);
    }

    /** The orders placed on {@code day} (order ids are grouped by day). */
    public Stream<OrderBundle> ordersOn(LocalDate day) {
        long d = day.toEpochDay() - config.startDate().toEpochDay();
        if (d < 0 || d >= config.days()) {
            return Stream.empty();
        }
        return orders(firstOrderIdOfDay(d), firstOrderIdOfDay(d + 1));
    }

    private long firstOrderIdOfDay(long dayIndex) {
        long n = config.orderCount();
        // smallest id with (id - 1) * days / n >= dayIndex
        return (dayIndex * n + config.days() - 1) / config.days() + 1;
    }

    public OrderBundle order(long id) {
        checkId("order", id, config.orderCount());
        SplittableRandom r = random("order", id);
        long dayIndex = (id - 1) * config.days() / config.orderCount();
        Instant orderedAt = config.startDate().plusDays(dayIndex).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plusSeconds(secondOfDay(r));
        long customerId = 1 + r.nextLong(config.customerCount());
        int city = customerAsOf(customerId, orderedAt).map(Customer::cityId)
                .orElse(customerVersions(customerId).get(0).cityId());
        long restaurantId;
        if (r.nextDouble() < config.skew()) {
            restaurantId = 1;
        } else {
            long[] local = restaurantsByCity[city - 1];
            restaurantId = local[r.nextInt(local.length)];
        }
        int cuisine = CUISINES.indexOf(restaurant(restaurantId).cuisine());

        int lines = 1 + r.nextInt(r.nextInt(4) == 0 ? 5 : 3);
        List<OrderItem> items = new ArrayList<>(lines);
        BigDecimal itemsTotal = BigDecimal.ZERO;
        for (int line = 1; line <= lines; line++) {
            String[] dish = MENU[cuisine][r.nextInt(MENU[cuisine].length)].split(":");
            int quantity = 1 + (r.nextInt(5) == 0 ? r.nextInt(3) : 0);
            BigDecimal price = new BigDecimal(dish[1]);
            items.add(new OrderItem(id, line, dish[0], quantity, money(price)));
            itemsTotal = itemsTotal.add(price.multiply(BigDecimal.valueOf(quantity)));
        }
        itemsTotal = money(itemsTotal);
        BigDecimal deliveryFee = money(BigDecimal.valueOf(itemsTotal.compareTo(BigDecimal.valueOf(499)) >= 0
                ? 0 : 20 + 10 * r.nextInt(3)));
        BigDecimal discount = r.nextInt(4) == 0
                ? itemsTotal.multiply(BigDecimal.valueOf(10 + 5 * r.nextInt(3))).movePointLeft(2)
                        .setScale(2, RoundingMode.HALF_UP)
                : money(BigDecimal.ZERO);
        BigDecimal total = itemsTotal.add(deliveryFee).subtract(discount);

        int statusDraw = r.nextInt(100);
        String status = statusDraw < 88 ? "DELIVERED" : statusDraw < 96 ? "CANCELLED" : "REFUNDED";
        String payment = Order.PAYMENT_METHODS.get(weighted(r, 45, 25, 18, 12));
        String instructions = r.nextInt(8) == 0 ? INSTRUCTIONS[r.nextInt(INSTRUCTIONS.length)] : null;

        Optional<Delivery> delivery = Optional.empty();
        Instant updatedAt = orderedAt.plusSeconds(60 + r.nextInt(600));
        if (!status.equals("CANCELLED")) {
            Instant pickedUp = orderedAt.plusSeconds(600 + r.nextInt(900));
            BigDecimal distance = BigDecimal.valueOf(5 + r.nextInt(95), 1); // 0.5 .. 9.9 km
            long rideSeconds = 300 + Math.round(distance.doubleValue() * 240) + r.nextInt(600);
            Instant delivered = pickedUp.plusSeconds(rideSeconds);
            delivery = Optional.of(new Delivery(id, 1 + r.nextInt((int) Math.max(10, config.orderCount() / 50)),
                    pickedUp, delivered, distance));
            updatedAt = delivered.plusSeconds(status.equals("REFUNDED") ? 3600 + r.nextInt(7200) : 30);
        }
        Order order = new Order(id, customerId, restaurantId, orderedAt, status, payment, itemsTotal, deliveryFee,
                discount, total, instructions, updatedAt);
        return new OrderBundle(order, List.copyOf(items), delivery);
    }

    // ---------------------------------------------------------------- helpers

    private Instant periodStart() {
        return config.startDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private long periodSeconds() {
        return Duration.ofDays(config.days()).toSeconds();
    }

    /** Lunch and dinner peaks, a quiet night. */
    private static int secondOfDay(SplittableRandom r) {
        int slot = weighted(r, 10, 35, 15, 35, 5);
        int[] startHour = {7, 12, 15, 19, 23};
        int[] hours = {5, 3, 4, 4, 1};
        return startHour[slot] * 3600 + r.nextInt(hours[slot] * 3600);
    }

    private int weightedCity(SplittableRandom r) {
        int draw = r.nextInt(totalCityWeight);
        for (City city : CITIES) {
            draw -= city.weight();
            if (draw < 0) {
                return city.cityId();
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static int weighted(SplittableRandom r, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int draw = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    /** A random stream for one entity: independent of every other entity, stable across runs and JVMs. */
    SplittableRandom random(String kind, long id) {
        return new SplittableRandom(Seeds.mix(config.seed(), kind, id));
    }

    private static void checkId(String kind, long id, long max) {
        if (id < 1 || id > max) {
            throw new IllegalArgumentException(kind + " id " + id + " is outside 1.." + max);
        }
    }
}
