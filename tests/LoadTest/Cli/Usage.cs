namespace Ecommerce.LoadTest.Cli;

public static class Usage
{
    public const string Text = """
        Load tester for the Ecommerce.Orleans HTTP API: flash sales, chaos drills, catalogs, replayed reads.

        Usage:
          dotnet run --project tests/LoadTest -- flash-sale --api URL [options]
          dotnet run --project tests/LoadTest -- chaos --api URL (--silo-pids DIR | --silo-command CMD) [options]
          dotnet run --project tests/LoadTest -- ceiling --api URL [options]
          dotnet run --project tests/LoadTest -- catalog --api URL --products N [options]
          dotnet run --project tests/LoadTest -- paths --api URL --file FILE [options]
          dotnet run --project tests/LoadTest -- fuzz --api URL [options]
          dotnet run --project tests/LoadTest -- --help

        flash-sale: creates a product and its buyers (not timed), then races concurrent orders for it, then audits
        the shop through the API: units sold, confirmed orders, per-customer limits, no oversell.
          --api URL                 the API's base address, e.g. http://127.0.0.1:5000 (required)
          --admin-email EMAIL       admin account (default: $ADMIN_EMAIL)
          --admin-password PASS     its password (default: $ADMIN_PASSWORD)
          --units N                 units put on sale (default 1000)
          --max-per-customer M      units one buyer may hold; 0 = no limit (default 2)
          --buyers B                buyer accounts created for the race (default 200)
          --concurrency C           concurrent workers sending orders (default 64)
          --duration SECONDS        longest race (default 30); it ends earlier once every request of the
                                    last 2 seconds was refused as out of stock (409) or over the limit (422)
          --quantity Q              units per order (default 1)
          --token TOKEN             payment token (default tok_visa; tok_decline and tok_fail are refused)
          --sku SKU                 sell an existing product instead of creating one: its stock is set to
                                    --units and its own maxPerCustomer applies (--max-per-customer is ignored)
          --report DIR              where the report goes (default ./flash-sale-report)
          --seed N                  seed of the buyers' picking order (default: random, written in the report)
          --keys yes|no             a fresh Idempotency-Key on every order (default yes)
          --end-on-refusals yes|no  end early once everything is refused (default yes); no: run the whole duration
          --flood-clients C         C more clients flood the API with orders during the race, each for a product of
                                    its own at --flood-rate orders/s, whatever the answers (default 0)
          --flood-rate R            each flooding client's orders per second (default 50)

        chaos: a flash sale (set up as above) whose buyers retry like real clients (no answer, 5xx or 429: the same
        request and Idempotency-Key again, after Retry-After or a backoff), while a random silo is SIGKILLed every
        --kill-every and PostgreSQL is restarted once. Reports answers per second by class (2xx, 4xx, 5xx, none) with
        the kills marked and how fast the shop recovered from each, then audits: every 201 is a Confirmed order listed
        by its buyer, units sold == units in confirmed orders, no oversell, reserved units back on sale within the
        reservation TTL, every confirmed order counted once by the inbox, bought-together and trending.
          --api URL                 the API's base address (required)
          --silo-pids DIR           a directory of silo-*.pid files, as run.sh keeps them in .run/pids
          --silo-command CMD        or a shell command printing the silos' pids, one a line (e.g. pgrep -f Ecommerce.Silo.dll)
          --kill-every SECONDS      time between kills (default 20s); the first comes after one interval
          --duration SECONDS        how long the sale runs (default 120s)
          --restart-postgres CMD    a shell command that restarts PostgreSQL, run once (default: no restart)
          --restart-postgres-at S   when (default: halfway between the two kills around the middle)
          --reservation-ttl S       the shop's Inventory__ReservationTtl (default 600s): how long the audit waits
                                    after the race for reserved units to go back on sale
          --give-up-after S         how long a buyer retries one purchase before giving up (default 30s)
          --settle S                how long the audit waits for the event consumers to catch up (default 30s)
          --units N                 units on sale (default 1000000, so the sale outlasts the drill)
          --max-per-customer M      (default 0: no limit)  --buyers B (default 200)  --concurrency C (default 32)
          --quantity Q, --token TOKEN, --admin-email, --admin-password, --seed N: as for flash-sale
          --report DIR              where the report goes (default ./chaos-report)
          Seconds may be written 20, 20s or 2m.

        ceiling: the same driver against a trivial endpoint, for the throughput the API and this machine allow
        without any shop work. No setup, no audit.
          --api URL                 the API's base address (required)
          --concurrency C           concurrent workers (default 64)
          --duration SECONDS        how long to run (default 30)
          --path PATH               the endpoint to GET (default /api/ping)
          --report DIR              where the report goes (default ./ceiling-report)

        catalog: generates a realistic catalog (the same products for the same --products and --seed) and loads it
        through the admin's bulk import, POST /api/products/import; prints the elapsed time and products/s.
          --api URL                 the API's base address (required)
          --admin-email EMAIL       admin account (default: $ADMIN_EMAIL)
          --admin-password PASS     its password (default: $ADMIN_PASSWORD)
          --products N              how many products (required)
          --seed S                  the catalog's seed (default 1); SKUs are G<seed>-0000001, ...
          --batch B                 products per import call, 1 to 1000 (default 1000)
          --concurrency C           import calls in flight at once (default 8)

        paths: the same driver as ceiling over a file of GET request paths (one per line, e.g.
        /api/products?q=oak%20table), each worker taking the next line in turn; for search and read benchmarks.
          --api URL                 the API's base address (required)
          --file FILE               the request paths (required)
          --concurrency C           concurrent workers (default 64)
          --duration SECONDS        how long to measure (default 30)
          --warmup SECONDS          untimed load before it, 0 for none (default 2)
          --report DIR              where the report goes (default ./paths-report)
          --header 'NAME: VALUE'    a header sent with every request (e.g. 'Cache-Control: no-cache')

        fuzz: generated hostile requests (wrong types, empty, huge, negative, overflowing, null, unicode, broken JSON,
        missing fields) for every operation of the API's own OpenAPI document, as an anonymous caller, a new buyer, the
        admin and a forged token. Prints the answers by status and "5xx: N"; exit code 1 when N > 0. Run it against an
        API whose rate limits are off (RateLimiting__Enabled=false), or most answers are 429.
          --api URL                 the API's base address (required)
          --admin-email EMAIL       admin account (default: $ADMIN_EMAIL)
          --admin-password PASS     its password (default: $ADMIN_PASSWORD)
          --requests N              how many requests (default 5000)
          --concurrency C           requests in flight at once (default 4)

        Reports: report.json (machine readable), report.md and report.html (charts) in the report directory.
        Exit codes: 0 the audit passed (chaos: the same; ceiling, paths: the run finished; catalog: every product loaded),
                    1 the audit failed (catalog: a batch failed), 2 usage error or the setup failed
                    (API unreachable, admin login refused, ...).
        """;
}
