package io.porygon.thelook;

/** The id sequences a block draws from; a block numbers locally and the writer adds the offset. */
enum IdSequence {
    USER, ORDER, ORDER_ITEM, INVENTORY_ITEM, EVENT
}
