using Ecommerce.Benchmarks.Catalog;
using Ecommerce.Catalog;
using Ecommerce.Inventory;
using Ecommerce.Orders;
using Ecommerce.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace Ecommerce.Benchmarks;

/// <summary>
/// In-process measurements for tests/Benchmarks/flash-sale.sh (and <c>summarize</c>, which prints its table):
///   stock    --storage memory|postgres|adonet   reserve+confirm straight to one stock grain, inside the silo
///   orders   --storage memory|postgres|adonet   the whole order path (order grain) for one hot SKU, inside the silo
///   baseline                             PostgreSQL's own conditional UPDATE on one row
/// Common options: --concurrency 64 --duration 10 --postgres "connection string". postgres is the shop's group-commit
/// provider, adonet Orleans' own ADO.NET provider on the same schema.
/// The catalog search benchmark's commands (tests/Benchmarks/catalog.sh) are in <see cref="CatalogBenchmarks"/>.
/// </summary>
public static class BenchmarkCommands
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: Benchmarks stock|orders|baseline [--storage memory|postgres|adonet] [--concurrency 64] [--duration 10] [--postgres CS]");
            return 2;
        }

        if (args[0] == "summarize")
        {
            return Summary.Run(args[1..]);
        }

        if (CatalogBenchmarks.Commands.Contains(args[0]))
        {
            return await CatalogBenchmarks.RunAsync(args[0], args[1..]);
        }

        var options = Options.Parse(args[1..]);
        var result = args[0] switch
        {
            "stock" => await InSiloAsync(options, StockLoop),
            "orders" => await InSiloAsync(options, OrderLoop),
            "baseline" => await BaselineAsync(options),
            _ => null,
        };
        if (result is null)
        {
            Console.Error.WriteLine($"unknown benchmark '{args[0]}'");
            return 2;
        }

        Console.WriteLine($"{args[0]} ({options.Storage}, {options.Concurrency} concurrent): {result}");
        Console.WriteLine(FormattableString.Invariant($"RESULT {args[0]} {options.Storage} {result.PerSecond:F1} {result.P50:F3} {result.P95:F3} {result.P99:F3} {result.Max:F3}"));
        if (result.Costs is { } costs)
        {
            Console.WriteLine($"COST {args[0]} {options.Storage} {costs}   ({CostMeter.Columns}, per operation)");
        }

        return 0;
    }

    private static Func<int, Task<bool>> StockLoop(IGrainFactory grains, string sku)
    {
        var stock = grains.GetGrain<IStockGrain>(sku);
        return async worker =>
        {
            var order = Guid.NewGuid();
            var reserved = await stock.ReserveAsync(new ReserveRequest(order, Guid.NewGuid(), 1));
            var ok = reserved.Outcome == ReserveOutcome.Reserved && await stock.ConfirmAsync(order);
            await stock.ForgetAsync(order);
            return ok;
        };
    }

    private static Func<int, Task<bool>> OrderLoop(IGrainFactory grains, string sku)
    {
        var buyers = Enumerable.Range(0, 1024).Select(_ => Guid.NewGuid()).ToArray();
        var next = 0;
        return async worker =>
        {
            var buyer = buyers[Interlocked.Increment(ref next) % buyers.Length];
            var result = await grains.GetGrain<IOrderGrain>(Guid.NewGuid()).PlaceAsync(new PlaceOrder(
                buyer, [new OrderLineRequest(sku, 1)], new PaymentMethod("card", "tok_visa"), null, "bench", IsNewOrderId: true));
            return result.Succeeded;
        };
    }

    private static async Task<Measurement.Result> InSiloAsync(Options options, Func<IGrainFactory, string, Func<int, Task<bool>>> loop)
    {
        var settings = new Dictionary<string, string?>();
        if (options.Storage is "postgres" or "adonet")
        {
            // postgres: the shop's group-commit provider; adonet: Orleans' own ADO.NET provider, for comparison.
            settings["Cluster:Storage"] = options.Storage == "postgres" ? "Postgres" : "AdoNet";
            settings["Cluster:Reminders"] = "AdoNet";
            settings["ConnectionStrings:Postgres"] = options.Postgres ?? throw new ArgumentException("--postgres is required with --storage postgres");
        }

        await using var silo = await InProcessSilo.StartAsync(settings);
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var sku = $"BENCH-{Guid.NewGuid():N}"[..20];
        await grains.GetGrain<IProductGrain>(sku).UpsertAsync(new ProductDetails("Hot", "", "Bench", 1m, "EUR", null, null));
        await grains.GetGrain<IStockGrain>(sku).SetOnHandAsync(1_000_000_000);
        var operation = loop(grains, sku);
        await Measurement.RunAsync(options.Concurrency, TimeSpan.FromSeconds(2), operation);

        // What the measured stretch cost, per operation, in this process (the silo) and in PostgreSQL.
        using var costs = CostMeter.Start();
        var before = costs.Take(await TransactionsAsync(options));
        var result = await Measurement.RunAsync(options.Concurrency, options.Duration, operation);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // other backends flush their statistics at most once a second
        var after = costs.Take(await TransactionsAsync(options));
        return result with { Costs = before.PerOperation(after, result.Operations) };
    }

    private static async Task<long?> TransactionsAsync(Options options) =>
        options.Storage is "postgres" or "adonet" ? await CostMeter.DatabaseTransactionsAsync(options.Postgres!) : null;

    private static async Task<Measurement.Result> BaselineAsync(Options options)
    {
        var connectionString = options.Postgres ?? throw new ArgumentException("--postgres is required");
        await using var source = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = options.Concurrency + 4 }.ConnectionString).Build();
        await using (var setup = source.CreateCommand(
            "CREATE TABLE IF NOT EXISTS bench_stock (sku text PRIMARY KEY, qty int NOT NULL); " +
            "INSERT INTO bench_stock VALUES ('hot', 1000000000) ON CONFLICT (sku) DO UPDATE SET qty = 1000000000"))
        {
            await setup.ExecuteNonQueryAsync();
        }

        return await Measurement.RunAsync(options.Concurrency, options.Duration, async _ =>
        {
            await using var command = source.CreateCommand("UPDATE bench_stock SET qty = qty - 1 WHERE sku = $1 AND qty > 0");
            command.Parameters.AddWithValue("hot");
            return await command.ExecuteNonQueryAsync() == 1;
        }, warmup: TimeSpan.FromSeconds(1));
    }

    private sealed record Options(string Storage, int Concurrency, TimeSpan Duration, string? Postgres)
    {
        public static Options Parse(string[] args)
        {
            var (storage, concurrency, duration, postgres) = ("memory", 64, TimeSpan.FromSeconds(10), (string?)null);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                switch (args[i])
                {
                    case "--storage": storage = args[i + 1]; break;
                    case "--concurrency": concurrency = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                    case "--duration": duration = TimeSpan.FromSeconds(double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture)); break;
                    case "--postgres": postgres = args[i + 1]; break;
                    default: throw new ArgumentException($"unknown option {args[i]}");
                }
            }

            return new Options(storage, concurrency, duration, postgres);
        }
    }
}
