-- Statements of the kinds the Porygon "The Look" pipeline compiles to (stand-in until the lead
-- refreshes this file with the pipeline's real compiled SQL). One statement per block.
-- @@ users_dim
CREATE OR REPLACE TABLE `porygon-local.thelook_intermediate.users_dim` AS
WITH users AS (
  SELECT
    id AS user_id,
    FALSE AS unused_flag,
    TRIM(first_name) AS first_name,
    TRIM(last_name) AS last_name,
    LOWER(email) AS email,
    age,
    gender,
    country,
    traffic_source,
    created_at,
    DATE(created_at) AS signup_date
  FROM `porygon-local.thelook.users`
  WHERE email IS NOT NULL
  QUALIFY ROW_NUMBER() OVER (PARTITION BY id ORDER BY created_at DESC) = 1
)
SELECT
  u.* EXCEPT (unused_flag),
  COALESCE(c.iso_code, 'ZZ') AS country_code,
  CASE
    WHEN u.age < 25 THEN '18-24'
    WHEN u.age < 35 THEN '25-34'
    WHEN u.age < 50 THEN '35-49'
    ELSE '50+'
  END AS age_band,
  s.segment,
  DATE_DIFF(CURRENT_DATE(), u.signup_date, DAY) AS days_since_signup,
  EXTRACT(YEAR FROM u.created_at) AS signup_year
FROM users u
LEFT JOIN `porygon-local.thelook_config.country_lookup` c ON LOWER(c.country_name) = LOWER(u.country)
LEFT JOIN `porygon-local.thelook_config.user_segments` s ON s.gender = u.gender AND u.age BETWEEN s.min_age AND s.max_age
-- @@ products_dim
CREATE OR REPLACE TABLE `porygon-local.thelook_intermediate.products_dim` AS
SELECT
  p.id AS product_id,
  p.name AS product_name,
  p.brand,
  p.category,
  p.department,
  ROUND(p.cost, 2) AS cost,
  ROUND(p.retail_price, 2) AS retail_price,
  SAFE_DIVIDE(p.retail_price - p.cost, p.retail_price) AS margin_pct,
  IF(p.retail_price >= 100, 'premium', 'standard') AS price_tier,
  dc.name AS distribution_center,
  CONCAT(p.brand, ' / ', p.category) AS brand_category
FROM `porygon-local.thelook.products` p
JOIN `porygon-local.thelook.distribution_centers` dc ON dc.id = p.distribution_center_id
-- @@ orders_dim
CREATE OR REPLACE TABLE `porygon-local.thelook_intermediate.orders_dim` AS
SELECT
  o.order_id,
  o.user_id,
  o.status,
  o.num_of_item,
  o.created_at,
  o.shipped_at,
  o.delivered_at,
  o.returned_at,
  TIMESTAMP_DIFF(o.delivered_at, o.shipped_at, HOUR) AS hours_to_deliver,
  TIMESTAMP_DIFF(o.shipped_at, o.created_at, MINUTE) AS minutes_to_ship,
  DATE_TRUNC(DATE(o.created_at), WEEK) AS order_week,
  DATE_TRUNC(DATE(o.created_at), MONTH) AS order_month,
  FORMAT_DATE('%Y-%m', DATE(o.created_at)) AS order_year_month,
  EXTRACT(DAYOFWEEK FROM o.created_at) AS order_dow,
  o.status IN ('Cancelled', 'Returned') AS is_lost,
  COUNTIF(o.status = 'Complete') OVER (PARTITION BY o.user_id) AS user_completed_orders,
  ROW_NUMBER() OVER (PARTITION BY o.user_id ORDER BY o.created_at) AS user_order_seq
FROM `porygon-local.thelook.orders` o
WHERE o.created_at IS NOT NULL
-- @@ inventory_dim
CREATE OR REPLACE TABLE `porygon-local.thelook_intermediate.inventory_dim` AS
SELECT
  i.id AS inventory_item_id,
  i.product_id,
  i.product_category,
  i.product_brand,
  i.cost,
  i.created_at,
  i.sold_at,
  i.sold_at IS NOT NULL AS is_sold,
  TIMESTAMP_DIFF(COALESCE(i.sold_at, CURRENT_TIMESTAMP()), i.created_at, DAY) AS days_in_stock,
  LAST_DAY(DATE(i.created_at), MONTH) AS stock_month_end
FROM `porygon-local.thelook.inventory_items` i
-- @@ events_fct incremental delete
DELETE FROM `porygon-local.thelook_intermediate.events_fct`
WHERE event_date >= DATE_SUB(CURRENT_DATE(), INTERVAL 3 DAY)
-- @@ events_fct incremental insert
INSERT INTO `porygon-local.thelook_intermediate.events_fct` (event_id, user_id, session_id, event_type, event_ts, event_date, browser, traffic_source, uri, session_event_seq, is_purchase)
SELECT
  e.id,
  e.user_id,
  e.session_id,
  e.event_type,
  e.created_at,
  DATE(e.created_at) AS event_date,
  e.browser,
  e.traffic_source,
  e.uri,
  ROW_NUMBER() OVER (PARTITION BY e.session_id ORDER BY e.sequence_number) AS session_event_seq,
  e.event_type = 'purchase' AS is_purchase
FROM `porygon-local.thelook.events` e
WHERE DATE(e.created_at) >= DATE_SUB(CURRENT_DATE(), INTERVAL 3 DAY)
  AND REGEXP_CONTAINS(e.uri, '^/')
-- @@ trx_fct merge
MERGE INTO `porygon-local.thelook_intermediate.trx_fct` T
USING (
  SELECT
    oi.id AS order_item_id,
    oi.order_id,
    oi.user_id,
    oi.product_id,
    oi.status,
    oi.created_at,
    oi.sale_price,
    p.cost,
    oi.sale_price - p.cost AS profit,
    SAFE_DIVIDE(oi.sale_price - p.cost, oi.sale_price) AS margin,
    DATE(oi.created_at) AS trx_date
  FROM `porygon-local.thelook.order_items` oi
  JOIN `porygon-local.thelook_intermediate.products_dim` p ON p.product_id = oi.product_id
  WHERE oi.created_at >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 72 HOUR)
) S
ON T.order_item_id = S.order_item_id
WHEN MATCHED THEN UPDATE SET status = S.status, sale_price = S.sale_price, profit = S.profit, margin = S.margin
WHEN NOT MATCHED THEN INSERT (order_item_id, order_id, user_id, product_id, status, created_at, sale_price, cost, profit, margin, trx_date)
  VALUES (S.order_item_id, S.order_id, S.user_id, S.product_id, S.status, S.created_at, S.sale_price, S.cost, S.profit, S.margin, S.trx_date)
-- @@ profit_view
CREATE OR REPLACE VIEW `porygon-local.thelook_reporting.profit_view` AS
SELECT
  t.trx_date,
  u.country_code,
  p.brand,
  p.category,
  COUNT(DISTINCT t.order_id) AS orders,
  SUM(t.sale_price) AS revenue,
  SUM(t.profit) AS profit,
  SAFE_DIVIDE(SUM(t.profit), SUM(t.sale_price)) AS margin,
  APPROX_COUNT_DISTINCT(t.user_id) AS buyers
FROM `porygon-local.thelook_intermediate.trx_fct` t
JOIN `porygon-local.thelook_intermediate.users_dim` u ON u.user_id = t.user_id
JOIN `porygon-local.thelook_intermediate.products_dim` p ON p.product_id = t.product_id
WHERE t.status NOT IN ('Cancelled', 'Returned')
GROUP BY 1, 2, 3, 4
-- @@ profit_matrix_view
CREATE OR REPLACE VIEW `porygon-local.thelook_reporting.profit_matrix_view` AS
WITH by_month AS (
  SELECT
    p.category,
    DATE_TRUNC(t.trx_date, MONTH) AS month,
    EXTRACT(YEAR FROM t.trx_date) AS year,
    SUM(t.profit) AS profit
  FROM `porygon-local.thelook_intermediate.trx_fct` t
  JOIN `porygon-local.thelook_intermediate.products_dim` p ON p.product_id = t.product_id
  GROUP BY 1, 2, 3
),
ytd AS (
  SELECT
    category,
    month,
    year,
    SUM(profit) OVER (PARTITION BY category, year ORDER BY month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS profit_ytd
  FROM by_month
)
SELECT
  cur.category,
  cur.month,
  cur.profit_ytd,
  prev.profit_ytd AS profit_last_ytd,
  SAFE_DIVIDE(cur.profit_ytd - prev.profit_ytd, ABS(prev.profit_ytd)) AS growth,
  LAG(cur.profit_ytd) OVER (PARTITION BY cur.category ORDER BY cur.month) AS previous_month_ytd
FROM ytd cur
LEFT JOIN ytd prev
  ON prev.category = cur.category
  AND prev.month = DATE_SUB(cur.month, INTERVAL 1 YEAR)
-- @@ assertion: unique key
SELECT order_item_id, COUNT(*) AS n
FROM `porygon-local.thelook_intermediate.trx_fct`
GROUP BY order_item_id
HAVING COUNT(*) > 1
-- @@ assertion: non null
SELECT *
FROM `porygon-local.thelook_intermediate.orders_dim`
WHERE order_id IS NULL OR user_id IS NULL OR created_at IS NULL
-- @@ schema change
ALTER TABLE `porygon-local.thelook_intermediate.trx_fct` ADD COLUMN IF NOT EXISTS margin FLOAT64
