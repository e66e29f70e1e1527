package io.porygon.thelook;

/**
 * A user as the activity simulator needs them. {@code local} ids are block-local (new users of this
 * block); others are ids already in the warehouse.
 */
record Customer(long id, boolean local, String gender, String city, String state, String postalCode, long createdAt) {}
