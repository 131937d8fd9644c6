namespace Ecommerce.LoadTest.Cli;

public static class Usage
{
    public const string Text = """
        Flash-sale load tester for the Ecommerce.Orleans HTTP API.

        Usage:
          dotnet run --project tests/LoadTest -- flash-sale --api URL [options]
          dotnet run --project tests/LoadTest -- ceiling --api URL [options]
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

        ceiling: the same driver against a trivial endpoint, for the throughput the API and this machine allow
        without any shop work. No setup, no audit.
          --api URL                 the API's base address (required)
          --concurrency C           concurrent workers (default 64)
          --duration SECONDS        how long to run (default 30)
          --path PATH               the endpoint to GET (default /api/ping)
          --report DIR              where the report goes (default ./ceiling-report)

        Reports: report.json (machine readable), report.md and report.html (charts) in the report directory.
        Exit codes: 0 the audit passed (ceiling: the run finished), 1 the audit failed,
                    2 usage error or the setup failed (API unreachable, admin login refused, ...).
        """;
}
