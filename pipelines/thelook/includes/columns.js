// Column descriptions shared by a dimension and the view that holds its rules (users_enriched,
// orders_enriched): the same columns, documented once. The dimension adds loaded_at.

const USERS_DIM_COLUMNS = {
  user_id: "User id (primary key).",
  first_name: "First name.",
  last_name: "Last name.",
  email: "E-mail address.",
  age: "Age in years.",
  gender: "F or M.",
  age_band: "Age band of the matching segment, NULL when no segment matches.",
  segment: "Marketing segment from user_segments by gender and age band; 'Unsegmented' when none matches.",
  market: "Market of the segment; 'Unassigned' when no segment matches.",
  street_address: "Street address.",
  postal_code: "Postal code.",
  city: "City.",
  state: "State or province.",
  country: "Country name as The Look writes it; 'Unknown' when missing.",
    country_iso2: "ISO 3166-1 alpha-2 code, NULL when the country is not in country_lookup.",
    country_iso3: "ISO 3166-1 alpha-3 code, NULL when the country is not in country_lookup.",
  region: "UN M49 region, NULL when the country is not in country_lookup.",
  is_country_in_lookup: "TRUE when the country matched country_lookup.",
  latitude: "Latitude of the address.",
  longitude: "Longitude of the address.",
  traffic_source: "Sign-up channel.",
  created_at: "Sign-up time (UTC).",
  signup_date: "Sign-up date (UTC)."
};

const ORDERS_DIM_COLUMNS = {
  order_id: "Order id (primary key).",
  user_id: "Customer.",
  status: "Processing, Shipped, Complete, Cancelled or Returned.",
  gender: "Gender of the customer.",
  item_count: "Number of items in the order (num_of_item).",
  created_at: "Order time (UTC).",
  shipped_at: "Shipping time, NULL until shipped.",
  delivered_at: "Delivery time, NULL until delivered.",
  returned_at: "Return time, NULL unless returned.",
  order_date: "Order date (UTC).",
  processing_hours: "Whole hours from order to shipping; NULL until shipped.",
  transit_hours: "Whole hours from shipping to delivery; NULL until delivered.",
  lead_time_hours: "Whole hours from order to delivery; NULL until delivered.",
  is_delivered: "TRUE once the order has a delivery time.",
  is_returned: "TRUE once the order has a return time.",
  is_cancelled: "TRUE when the status is Cancelled."
};

// When a run last changed the row (includes/stamps.js): trx_fct rebuilds the orders whose order or customer
// row changed after it read them, without comparing every loaded item with the dimensions.
const LOADED_AT = {
  loaded_at: "Time (UTC) the run that last changed this row started its query, or just after the table's latest stamp if the clock has stepped back since; a full refresh stamps every row. Not part of the entity: left out when comparing rows."
};

const USERS_DIM_TABLE_COLUMNS = Object.assign({}, USERS_DIM_COLUMNS, LOADED_AT);
const ORDERS_DIM_TABLE_COLUMNS = Object.assign({}, ORDERS_DIM_COLUMNS, LOADED_AT);

module.exports = { USERS_DIM_COLUMNS, ORDERS_DIM_COLUMNS, USERS_DIM_TABLE_COLUMNS, ORDERS_DIM_TABLE_COLUMNS };
