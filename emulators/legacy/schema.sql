-- The vendor's legacy schema (PostgreSQL stands in for the vendor's SQL database).
-- The vendor application owns these tables: the project never adds, drops or changes
-- their columns. Project objects live in their own schemas (sync, seed).

CREATE TABLE IF NOT EXISTS products (
  product_code varchar(6) PRIMARY KEY,
  name varchar(40) NOT NULL,
  size_kg smallint NOT NULL,
  method varchar(4) NOT NULL,          -- 桶裝 cylinder / 流量 metered
  attribute varchar(10) NOT NULL,      -- regular / 好運 HAOYUN / 瓶安 PINGAN / 營 / 幸福丸
  unit_price integer NOT NULL          -- NT$ per cylinder, or per kg when metered
);

CREATE TABLE IF NOT EXISTS drivers (
  driver_code varchar(6) PRIMARY KEY,
  name varchar(20) NOT NULL,
  phone varchar(20),
  plate varchar(10)
);

CREATE TABLE IF NOT EXISTS clients (
  client_code varchar(7) PRIMARY KEY,
  short_name varchar(40) NOT NULL,
  invoice_title varchar(100),
  tax_id varchar(10),
  address varchar(200) NOT NULL,
  phone varchar(80),
  area varchar(12),
  client_type varchar(6),
  pricing_method varchar(6),
  payment_method varchar(4),
  cyl_50 smallint, cyl_20 smallint, cyl_16 smallint, cyl_10 smallint, cyl_4 smallint,
  cyl_ying20 smallint, cyl_ying16 smallint, cyl_haoyun20 smallint, cyl_haoyun16 smallint,
  cyl_pingan10 smallint, cyl_xingfuwan smallint,
  time_slot varchar(1),
  vehicle varchar(1),
  closed_days varchar(20),
  subscription char(1),
  same_day char(1),
  terminated char(1),
  avg_daily_kg numeric(8,2),
  max_cycle_days smallint,
  can_delay_days smallint,
  monthly_kg numeric(9,1),
  credit_limit integer,
  balance integer,
  remark text,
  upd_date char(7),
  upd_time char(6)
);

CREATE TABLE IF NOT EXISTS deliveries (
  delivery_no varchar(14) PRIMARY KEY,
  client_code varchar(7) NOT NULL REFERENCES clients(client_code),
  order_date char(7),
  delivery_date char(7),
  time_slot varchar(1),
  qty_50 smallint, qty_20 smallint, qty_16 smallint, qty_10 smallint, qty_4 smallint,
  flow_kg numeric(8,1),
  empties_returned smallint,
  amount integer,
  status char(2),
  driver_code varchar(6),
  urgent char(1),
  remark text,
  upd_date char(7),
  upd_time char(6)
);

CREATE INDEX IF NOT EXISTS deliveries_client_code_idx ON deliveries (client_code);
