using Ecommerce.Silo.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ecommerce.Cluster.Tests;

public sealed class SchemaTests
{
    [Fact]
    public async Task The_schema_applies_to_an_empty_database_and_again_concurrently_without_change()
    {
        var database = await TestPostgres.CreateDatabaseAsync("schema");

        await PostgresSchema.ApplyAsync(database, NullLogger.Instance);
        var keys = await TestPostgres.ScalarAsync<long>(database, "SELECT count(*) FROM orleansquery");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresSchema.ApplyAsync(database, NullLogger.Instance)));

        // 10 clustering + 4 persistence + 7 reminder queries.
        Assert.Equal(21, keys);
        Assert.Equal(keys, await TestPostgres.ScalarAsync<long>(database, "SELECT count(*) FROM orleansquery"));
    }
}
