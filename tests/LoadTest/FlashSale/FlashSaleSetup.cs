using Ecommerce.LoadTest.Cli;
using Ecommerce.LoadTest.Http;

namespace Ecommerce.LoadTest.FlashSale;

/// <summary>
/// Everything before the race, which is not timed: the product and its stock, and the buyers, registered and logged in
/// (registration hashes a password on the server, which is slow on purpose, so it must not count as sale traffic).
/// </summary>
public sealed class FlashSaleSetup(ShopApi shop, TextWriter log)
{
    /// <summary>Registrations in flight at once: enough to be quick, few enough not to swamp a small cluster.</summary>
    private const int MaxParallelRegistrations = 16;

    /// <summary>Prepares the sale, or says on the terminal why it could not (answers null then: a setup error).</summary>
    public static async Task<FlashSalePlan?> TryPrepareAsync(ShopApi shop, FlashSaleOptions options, Terminal terminal, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(terminal);
        try
        {
            return await new FlashSaleSetup(shop, terminal.Out).PrepareAsync(options, interrupt);
        }
        catch (Exception e) when (Failures.IsApiFailure(e) || e is OperationCanceledException)
        {
            await terminal.Error.WriteLineAsync(interrupt.IsCancellationRequested
                ? "Setup interrupted: no race was run."
                : $"Setup failed: {Failures.Describe(e, options.Api)}");
            return null;
        }
    }

    public async Task<FlashSalePlan> PrepareAsync(FlashSaleOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var admin = await shop.LogInAsync(options.AdminEmail, options.AdminPassword, cancellation);

        var (sku, limit, created) = options.Sku is { } existing
            ? (existing, (await shop.GetProductAsync(existing, cancellation)).MaxPerCustomer, false)
            : (NewSku(), options.MaxPerCustomer == 0 ? (int?)null : options.MaxPerCustomer, true);
        if (created)
        {
            await shop.CreateProductAsync(admin, sku, limit, cancellation);
        }

        var stock = await shop.SetStockAsync(admin, sku, options.Units, cancellation);
        log.WriteLine(
            $"Product {sku} ({(created ? "new" : "reused")}): {options.Units} units on sale, " +
            $"{(limit is { } max ? $"at most {max} per customer" : "no limit per customer")}.");

        var buyers = await RegisterBuyersAsync(options.Buyers, Math.Min(MaxParallelRegistrations, options.Concurrency), cancellation);
        log.WriteLine($"{buyers.Count} buyers registered and logged in; setup took {clock.Elapsed.TotalSeconds:0.0} s.");
        return new FlashSalePlan(sku, stock.Available + stock.Reserved, stock.Sold, limit, created, buyers);
    }

    private async Task<IReadOnlyList<Buyer>> RegisterBuyersAsync(int count, int parallelism, CancellationToken cancellation)
    {
        // One run's accounts share a random tag, so runs against the same cluster never collide on an e-mail address.
        var run = Guid.NewGuid().ToString("N")[..10];
        var password = $"flash-{Guid.NewGuid():N}";
        var buyers = new Buyer[count];
        log.WriteLine($"Registering {count} buyers ({parallelism} at a time)...");
        await Parallel.ForEachAsync(Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellation },
            async (i, token) =>
            {
                var email = $"buyer-{i + 1:D5}-{run}@flash-sale.test";
                await shop.RegisterAsync(email, password, $"Flash buyer {i + 1}", token);
                buyers[i] = new Buyer(i + 1, email, await shop.LogInAsync(email, password, token));
            });
        return buyers;
    }

    private static string NewSku() =>
        $"FLASH-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
}
