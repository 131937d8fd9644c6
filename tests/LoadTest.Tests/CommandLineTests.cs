namespace Ecommerce.LoadTest.Tests;

public sealed class CommandLineTests
{
    private static readonly Dictionary<string, string?> AdminFromEnvironment = new()
    {
        ["ADMIN_EMAIL"] = "admin@shop.local",
        ["ADMIN_PASSWORD"] = "secret",
    };

    [Fact]
    public void Flash_sale_defaults_are_the_documented_ones_and_the_admin_comes_from_the_environment()
    {
        var parsed = Parse(AdminFromEnvironment, "flash-sale", "--api", "http://127.0.0.1:5000");

        var options = Assert.IsType<FlashSaleRequested>(parsed).Options;
        Assert.Equal(new Uri("http://127.0.0.1:5000/"), options.Api);
        Assert.Equal(("admin@shop.local", "secret"), (options.AdminEmail, options.AdminPassword));
        Assert.Equal((1000, 2, 200, 64, 1), (options.Units, options.MaxPerCustomer, options.Buyers, options.Concurrency, options.Quantity));
        Assert.Equal(TimeSpan.FromSeconds(30), options.Duration);
        Assert.Equal("tok_visa", options.PaymentToken);
        Assert.Equal("flash-sale-report", options.ReportDirectory);
        Assert.Null(options.Sku);
        Assert.Null(options.Seed);
    }

    [Fact]
    public void Every_flash_sale_option_is_read()
    {
        var parsed = Parse([], "flash-sale", "--api=http://10.0.0.1:8080/shop", "--admin-email", "a@b.c", "--admin-password", "pw",
            "--units", "50", "--max-per-customer", "0", "--buyers", "7", "--concurrency", "3", "--duration", "2.5",
            "--quantity", "2", "--token", "tok_decline", "--sku", "SNEAKER-1", "--report", "out", "--seed", "-4");

        var options = Assert.IsType<FlashSaleRequested>(parsed).Options;
        Assert.Equal("http://10.0.0.1:8080/shop/", options.Api.ToString());
        Assert.Equal(("a@b.c", "pw"), (options.AdminEmail, options.AdminPassword));
        Assert.Equal((50, 0, 7, 3, 2), (options.Units, options.MaxPerCustomer, options.Buyers, options.Concurrency, options.Quantity));
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Duration);
        Assert.Equal(("tok_decline", "SNEAKER-1", "out", -4), (options.PaymentToken, options.Sku, options.ReportDirectory, options.Seed));
    }

    [Fact]
    public void Ceiling_reads_its_options()
    {
        var parsed = Parse([], "ceiling", "--api", "http://127.0.0.1:5100", "--concurrency", "8", "--duration", "5", "--path", "/health/live");

        var options = Assert.IsType<CeilingRequested>(parsed).Options;
        Assert.Equal((8, TimeSpan.FromSeconds(5), "/health/live", "ceiling-report"),
            (options.Concurrency, options.Duration, options.Path, options.ReportDirectory));
    }

    [Fact]
    public void Catalog_and_paths_read_their_options_with_the_documented_defaults()
    {
        var catalog = Assert.IsType<CatalogRequested>(Parse(AdminFromEnvironment, "catalog", "--api", "http://127.0.0.1:5000", "--products", "100000")).Options;
        var every = Assert.IsType<CatalogRequested>(Parse([], "catalog", "--api", "http://x", "--products", "5", "--seed", "9",
            "--batch", "250", "--concurrency", "2", "--admin-email", "a@b.c", "--admin-password", "pw")).Options;
        var paths = Assert.IsType<PathsRequested>(Parse([], "paths", "--api", "http://x", "--file", "search.paths")).Options;
        var tuned = Assert.IsType<PathsRequested>(Parse([], "paths", "--api", "http://x", "--file", "f", "--concurrency", "8",
            "--duration", "5", "--warmup", "0", "--report", "out")).Options;

        Assert.Equal((100_000, 1, 1000, 8, "admin@shop.local"), (catalog.Products, catalog.Seed, catalog.Batch, catalog.Concurrency, catalog.AdminEmail));
        Assert.Equal((5, 9, 250, 2, "a@b.c", "pw"), (every.Products, every.Seed, every.Batch, every.Concurrency, every.AdminEmail, every.AdminPassword));
        Assert.Equal(("search.paths", 64, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2), "paths-report"),
            (paths.File, paths.Concurrency, paths.Duration, paths.Warmup, paths.ReportDirectory));
        Assert.Equal((8, TimeSpan.FromSeconds(5), TimeSpan.Zero, "out"), (tuned.Concurrency, tuned.Duration, tuned.Warmup, tuned.ReportDirectory));
    }

    [Fact]
    public void Chaos_defaults_are_the_documented_ones_and_kills_come_every_interval_with_postgres_between_two()
    {
        var parsed = Parse(AdminFromEnvironment, "chaos", "--api", "http://127.0.0.1:5000", "--silo-pids", ".run/pids",
            "--restart-postgres", "pg_ctl restart");

        var options = Assert.IsType<ChaosRequested>(parsed).Options;
        var sale = options.Sale;
        Assert.Equal(("admin@shop.local", "secret"), (sale.AdminEmail, sale.AdminPassword));
        Assert.Equal((1_000_000, 0, 200, 32, 1), (sale.Units, sale.MaxPerCustomer, sale.Buyers, sale.Concurrency, sale.Quantity));
        Assert.Equal((TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(20)), (options.Duration, options.KillEvery));
        Assert.Equal((".run/pids", null, "pg_ctl restart"), (options.SiloPidDirectory, options.SiloCommand, options.RestartPostgres));
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)),
            (options.ReservationTtl, options.GiveUpAfter, options.ConsumerSettle));
        Assert.Equal(("chaos-report", "tok_visa", (string?)null), (sale.ReportDirectory, sale.PaymentToken, sale.Sku));
        Assert.Equal([20, 40, 60, 80, 100], options.KillTimes().Select(t => t.TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(70), options.PostgresRestartTime());
    }

    [Fact]
    public void Every_chaos_option_is_read_and_seconds_take_a_unit()
    {
        var parsed = Parse([], "chaos", "--api", "http://x", "--admin-email", "a@b.c", "--admin-password", "pw",
            "--silo-command", "pgrep -f Ecommerce.Silo.dll", "--kill-every", "15s", "--duration", "1.5m", "--restart-postgres", "x",
            "--restart-postgres-at", "40", "--reservation-ttl", "20s", "--give-up-after", "10", "--settle", "5s", "--units", "500",
            "--max-per-customer", "3", "--buyers", "20", "--concurrency", "8", "--quantity", "2", "--token", "tok_fail",
            "--report", "out", "--seed", "9");

        var options = Assert.IsType<ChaosRequested>(parsed).Options;
        Assert.Equal(("pgrep -f Ecommerce.Silo.dll", null), (options.SiloCommand, options.SiloPidDirectory));
        Assert.Equal((TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(90)), (options.KillEvery, options.Duration));
        Assert.Equal(TimeSpan.FromSeconds(40), options.PostgresRestartTime());
        Assert.Equal((TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)),
            (options.ReservationTtl, options.GiveUpAfter, options.ConsumerSettle));
        var sale = options.Sale;
        Assert.Equal((500, 3, 20, 8, 2), (sale.Units, sale.MaxPerCustomer, sale.Buyers, sale.Concurrency, sale.Quantity));
        Assert.Equal(("tok_fail", "out", 9, "a@b.c"), (sale.PaymentToken, sale.ReportDirectory, sale.Seed, sale.AdminEmail));
        Assert.Equal([15, 30, 45, 60, 75], options.KillTimes().Select(t => t.TotalSeconds));
    }

    [Theory]
    [InlineData("Name the silos to kill", "chaos", "--api", "http://x")]
    [InlineData("Name the silos to kill", "chaos", "--api", "http://x", "--silo-pids", "d", "--silo-command", "c")]
    [InlineData("--restart-postgres-at needs --restart-postgres", "chaos", "--api", "http://x", "--silo-pids", "d", "--restart-postgres-at", "5")]
    [InlineData("PostgreSQL would restart after the drill ends", "chaos", "--api", "http://x", "--silo-pids", "d", "--restart-postgres", "c",
        "--restart-postgres-at", "2m", "--duration", "60")]
    [InlineData("--kill-every takes a number of seconds above 0", "chaos", "--api", "http://x", "--silo-pids", "d", "--kill-every", "0s")]
    [InlineData("like 20, 20s or 2m; '20h' is not one", "chaos", "--api", "http://x", "--silo-pids", "d", "--kill-every", "20h")]
    [InlineData("Unknown option --sku", "chaos", "--api", "http://x", "--silo-pids", "d", "--sku", "SNEAKER-1")]
    public void Chaos_mistakes_are_usage_errors_that_say_what_to_do(string message, params string[] args)
    {
        var error = Assert.IsType<UsageError>(Parse(AdminFromEnvironment, args));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--api URL is required", "flash-sale")]
    [InlineData("Unknown option --unit", "flash-sale", "--api", "http://x", "--unit", "5")]
    [InlineData("--units takes a whole number of at least 0", "flash-sale", "--api", "http://x", "--units", "-1")]
    [InlineData("--keys takes yes or no", "flash-sale", "--api", "http://x", "--keys", "maybe")]
    [InlineData("--requests takes a whole number of at least 1", "fuzz", "--api", "http://x", "--requests", "0")]
    [InlineData("--max-per-customer takes a whole number of at least 0", "flash-sale", "--api", "http://x", "--max-per-customer", "-1")]
    [InlineData("--duration takes a number of seconds", "flash-sale", "--api", "http://x", "--duration", "soon")]
    [InlineData("--concurrency needs a value", "flash-sale", "--api", "http://x", "--concurrency")]
    [InlineData("--api takes an http(s) address", "flash-sale", "--api", "ftp://x")]
    [InlineData("--buyers is given twice", "flash-sale", "--api", "http://x", "--buyers", "1", "--buyers", "2")]
    [InlineData("--sku takes 1 to 64 letters", "flash-sale", "--api", "http://x", "--sku", "no spaces")]
    [InlineData("Unknown command 'flashsale'", "flashsale")]
    [InlineData("Unknown option --units", "ceiling", "--api", "http://x", "--units", "5")]
    [InlineData("--path takes a path on the API", "ceiling", "--api", "http://x", "--path", "api/ping")]
    [InlineData("--products N is required", "catalog", "--api", "http://x")]
    [InlineData("--batch takes a whole number from 1 to 1000", "catalog", "--api", "http://x", "--products", "10", "--batch", "1001")]
    [InlineData("--seed takes a whole number of at least 0", "catalog", "--api", "http://x", "--products", "10", "--seed", "-1")]
    [InlineData("--file FILE is required", "paths", "--api", "http://x")]
    public void Mistakes_are_usage_errors_that_name_the_option(string message, params string[] args)
    {
        var error = Assert.IsType<UsageError>(Parse(AdminFromEnvironment, args));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_admin_password_is_a_usage_error()
    {
        var error = Assert.IsType<UsageError>(Parse(new() { ["ADMIN_EMAIL"] = "a@b.c" }, "flash-sale", "--api", "http://x"));

        Assert.Contains("ADMIN_PASSWORD", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("flash-sale", "--help")]
    [InlineData("ceiling", "-h")]
    public void Help_is_asked_for_with_no_arguments_or_help(params string[] args) =>
        Assert.IsType<HelpRequested>(Parse([], args));

    [Fact]
    public void The_help_documents_every_option()
    {
        foreach (var option in new[]
        {
            "--api", "--admin-email", "--admin-password", "--units", "--max-per-customer", "--buyers", "--concurrency",
            "--duration", "--quantity", "--token", "--sku", "--report", "--seed", "--path", "--products", "--batch",
            "--file", "--warmup", "--keys", "--end-on-refusals", "--flood-clients", "--flood-rate", "--requests",
            "--silo-pids", "--silo-command", "--kill-every", "--restart-postgres", "--restart-postgres-at",
            "--reservation-ttl", "--give-up-after", "--settle",
        })
        {
            Assert.Contains(option, Usage.Text, StringComparison.Ordinal);
        }
    }

    private static ParsedCommand Parse(Dictionary<string, string?> environment, params string[] args) =>
        CommandLine.Parse(args, name => environment.GetValueOrDefault(name));
}
