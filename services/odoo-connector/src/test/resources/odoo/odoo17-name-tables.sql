-- The tables that the captured tables' many2one columns point at and that odoo17-cdc-tables.sql leaves
-- out, reduced to what the connector reads from them: id and name. Not a dump: Odoo 17 gives them more
-- columns. The name columns keep Odoo 17's types: jsonb where Odoo translates the name, character
-- varying for the company, whose name is not translated.

CREATE TABLE public.res_company (
    id serial PRIMARY KEY,
    name character varying NOT NULL
);

CREATE TABLE public.project_task_type (
    id serial PRIMARY KEY,
    name jsonb NOT NULL
);

CREATE TABLE public.account_analytic_plan (
    id serial PRIMARY KEY,
    name jsonb NOT NULL
);

CREATE TABLE public.maintenance_equipment_category (
    id serial PRIMARY KEY,
    name jsonb NOT NULL
);
