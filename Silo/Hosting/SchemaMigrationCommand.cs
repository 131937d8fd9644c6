namespace Ecommerce.Silo.Hosting;

/// <summary><c>Ecommerce.Silo migrate [connection string]</c>: the schema without a silo, for operators who migrate ahead of a deploy.</summary>
public static class SchemaMigrationCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var connectionString = args.FirstOrDefault() ?? configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("usage: Ecommerce.Silo migrate <connection string> (or set ConnectionStrings__Postgres)");
            return 2;
        }

        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole());
        await PostgresSchema.ApplyAsync(connectionString, loggers.CreateLogger("Schema"));
        return 0;
    }
}
