# Runs inside `odoo shell` (setup.sh), where `env` is the superuser's environment of the database. Everything here is
# idempotent: odoo-setup runs at every "docker compose up". A setting that cannot be honoured stops the set-up with a
# message saying what to change, so the services never start against an Odoo that is not what they are told it is.
import os

from psycopg2 import sql

# The tables the odoo-connector captures (its OdooModel) and the relation table of task assignees it reads besides;
# deploy/compose's tests compare these lists with the connector's code.
CAPTURED_TABLES = ["project_project", "project_task", "account_analytic_account", "maintenance_equipment"]
READ_TABLES = CAPTURED_TABLES + ["project_task_user_rel"]

UNALLOCATED_ACCOUNT_NAME = "Trestle: unallocated equipment usage"
DEMO_PROJECT = "Harbour Quay (Trestle demo)"
DEMO_MACHINES = ["EX-1001", "EX-1002", "WL-2001"]


def setting(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise SystemExit(f"odoo-setup: environment variable {name} is not set")
    return value


def set_admin_password(password):
    env.ref("base.user_admin").password = password


def set_company_currency(code):
    company = env.company
    if company.currency_id.name == code:
        return
    currency = env["res.currency"].with_context(active_test=False).search([("name", "=", code)], limit=1)
    if not currency:
        raise SystemExit(f"odoo-setup: Odoo knows no currency {code} (TRESTLE_CURRENCY)")
    if env["account.move.line"].search_count([("company_id", "=", company.id)]):
        raise SystemExit(f"odoo-setup: the company's currency is {company.currency_id.name} and it has journal items,"
                         f" so it cannot become {code}; set TRESTLE_CURRENCY={company.currency_id.name}")
    currency.active = True
    company.currency_id = currency


def integration_user(login, password):
    """The user the sink writes as. It gets the admin user's groups: enough for every model the sink writes, and
    meant for this demo; production narrows them (analytic lines, maintenance, project, purchase)."""
    users = env["res.users"].with_context(active_test=False, no_reset_password=True)
    groups = env.ref("base.user_admin").groups_id
    values = {"password": password, "groups_id": [(6, 0, groups.ids)], "active": True}
    user = users.search([("login", "=", login)], limit=1)
    if user:
        user.write(values)
    else:
        user = users.create(dict(values, name="Trestle integration", login=login))
    return user


def unallocated_account(account_id):
    """The sink books usage no reservation attributes on an account it is given by id. Creating it under a fixed id
    lets docker-compose.yml configure the sink like every other setting, through an environment variable."""
    accounts = env["account.analytic.account"].with_context(active_test=False)
    account = accounts.browse(account_id).exists()
    if account:
        if account.name != UNALLOCATED_ACCOUNT_NAME:
            raise SystemExit(f"odoo-setup: analytic account {account_id} is '{account.name}', not '"
                             f"{UNALLOCATED_ACCOUNT_NAME}'; set TRESTLE_UNALLOCATED_ACCOUNT_ID to an unused id")
        return account
    elsewhere = accounts.search([("name", "=", UNALLOCATED_ACCOUNT_NAME)], limit=1)
    if elsewhere:
        raise SystemExit(f"odoo-setup: '{UNALLOCATED_ACCOUNT_NAME}' already exists as account {elsewhere.id}; set "
                         f"TRESTLE_UNALLOCATED_ACCOUNT_ID={elsewhere.id}")
    plans = env["account.analytic.plan"]
    plan = plans.search([], limit=1, order="id") or plans.create({"name": "Trestle"})
    env.cr.execute("SELECT pg_get_serial_sequence('account_analytic_account', 'id')")
    sequence = env.cr.fetchone()[0]
    env.cr.execute("SELECT setval(%s, %s, false)", [sequence, account_id])
    account = accounts.create({"name": UNALLOCATED_ACCOUNT_NAME, "plan_id": plan.id})
    # Later accounts continue after the highest id instead of running into this one.
    env.cr.execute("SELECT setval(%s, (SELECT max(id) FROM account_analytic_account))", [sequence])
    if account.id != account_id:
        raise SystemExit(f"odoo-setup: the unallocated account got id {account.id} instead of {account_id}")
    return account


def demo_master_data():
    """A project and the demo fleet, so the odoo-connector has master data to publish from the start."""
    projects = env["project.project"]
    if not projects.search([("name", "=", DEMO_PROJECT)], limit=1):
        projects.create({"name": DEMO_PROJECT})
    machines = env["maintenance.equipment"]
    for name in DEMO_MACHINES:
        if not machines.search([("name", "=", name)], limit=1):
            machines.create({"name": name, "serial_no": name})


def cdc_access(user, publication):
    """What the odoo-connector's start-up check asks for: SELECT on what it reads, and a publication of the captured
    tables with inserts, updates and deletes. Granted here because only the tables' owner may."""
    env.cr.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(
        sql.SQL(", ").join(map(sql.Identifier, READ_TABLES)), sql.Identifier(user)))
    tables = sql.SQL(", ").join(map(sql.Identifier, CAPTURED_TABLES))
    env.cr.execute("SELECT 1 FROM pg_publication WHERE pubname = %s", [publication])
    if env.cr.fetchone():
        env.cr.execute(sql.SQL("ALTER PUBLICATION {} SET TABLE {}").format(sql.Identifier(publication), tables))
        env.cr.execute(sql.SQL("ALTER PUBLICATION {} SET (publish = 'insert, update, delete')").format(
            sql.Identifier(publication)))
    else:
        env.cr.execute(sql.SQL("CREATE PUBLICATION {} FOR TABLE {} WITH (publish = 'insert, update, delete')").format(
            sql.Identifier(publication), tables))


set_admin_password(setting("ODOO_ADMIN_PASSWORD"))
set_company_currency(setting("TRESTLE_CURRENCY"))
user = integration_user(setting("TRESTLE_ODOO_LOGIN"), setting("TRESTLE_ODOO_PASSWORD"))
account = unallocated_account(int(setting("TRESTLE_UNALLOCATED_ACCOUNT_ID")))
demo_master_data()
cdc_access(setting("TRESTLE_CDC_USER"), setting("TRESTLE_CDC_PUBLICATION"))
env.cr.commit()
print(f"odoo-setup: integration user {user.login} (uid {user.id}), unallocated account {account.id}, "
      f"company currency {env.company.currency_id.name}, publication of {', '.join(CAPTURED_TABLES)}")
